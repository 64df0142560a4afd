import { routes } from '../manifest.ts';
import { httpHandler } from '../lib/http.ts';
import { campaignSummary } from './publication-store.ts';

export const handler = httpHandler(routes.publicCampaign, async ({ params }) => campaignSummary(params.campaignId));
