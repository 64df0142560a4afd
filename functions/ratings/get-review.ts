import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { review } from './dashboard.ts';

export const handler = httpHandler(routes.ratingReview, async ({ params }) => review(params.campaignId, params.compoundId));
