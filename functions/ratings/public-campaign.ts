import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { campaignSummary } from './publication-store.ts';

export const handler = httpHandler(routes.publicCampaign, async ({ params }) => campaignSummary(params.campaignId));
