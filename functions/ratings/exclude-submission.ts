import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { setExcluded } from './submission-store.ts';

export const handler = httpHandler(routes.ratingExclude, async ({ params, body }, { principal }) => setExcluded(params.campaignId, params.compoundId, body, principal));
