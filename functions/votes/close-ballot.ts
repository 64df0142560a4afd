import * as routes from '../routes.ts';
import { httpHandler, HttpResult } from '../lib/http.ts';
import { closeBallot } from './result-store.ts';

export const handler = httpHandler(routes.ballotClose, async ({ params }, { principal }) => new HttpResult(201, await closeBallot(params.compoundId, params.ballotId, principal)));
