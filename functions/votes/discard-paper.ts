import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { discardPaper } from './vote-store.ts';

export const handler = httpHandler(routes.paperDiscard, async ({ params, body }, { principal }) => discardPaper(params.compoundId, params.ballotId, body, principal));
