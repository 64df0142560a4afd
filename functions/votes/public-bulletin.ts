import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { bulletin } from './result-store.ts';

export const handler = httpHandler(routes.publicBulletin, async ({ params, query }) => bulletin(params.compoundId, params.ballotId, query.receipt));
