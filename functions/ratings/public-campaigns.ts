import { routes } from '../manifest.ts';
import { httpHandler } from '../lib/http.ts';
import { publishedCampaigns } from './publication-store.ts';

export const handler = httpHandler(routes.publicRatings, async () => ({ campaigns: await publishedCampaigns() }));
