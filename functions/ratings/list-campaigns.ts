import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { campaignsFor } from './dashboard.ts';

export const handler = httpHandler(routes.campaignsList, async (_input, { principal }) => ({ campaigns: await campaignsFor(principal) }));
