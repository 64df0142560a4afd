import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { publishedCampaigns } from './publication-store.ts';

export const handler = httpHandler(routes.publicRatings, async () => ({ campaigns: await publishedCampaigns() }));
