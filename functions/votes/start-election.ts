import * as routes from '../routes.ts';
import { httpHandler, HttpResult } from '../lib/http.ts';
import { startElection } from './election-store.ts';

export const handler = httpHandler(routes.electionStart, async ({ params, body }, { principal }) => new HttpResult(201, await startElection(params.compoundId, params.electionId, body.title, principal)));
