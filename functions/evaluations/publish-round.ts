import * as routes from '../routes.ts';
import { httpHandler, HttpResult } from '../lib/http.ts';
import { publishRound } from './publication-store.ts';

export const handler = httpHandler(routes.evaluationPublish, async ({ params, body }, { principal }) => new HttpResult(201, await publishRound(params.roundId, body.reason, principal)));
