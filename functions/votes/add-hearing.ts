import * as routes from '../routes.ts';
import { httpHandler, HttpResult } from '../lib/http.ts';
import { addHearing } from './ballot-store.ts';

export const handler = httpHandler(routes.hearingAdd, async ({ params, body }, { principal }) => new HttpResult(201, await addHearing(params.compoundId, params.ballotId, body, principal)));
