import * as routes from '../routes.ts';
import { httpHandler, HttpResult } from '../lib/http.ts';
import { announceBallot } from './ballot-store.ts';

export const handler = httpHandler(routes.ballotAnnounce, async ({ params, body }, { principal }) =>
  new HttpResult(201, await announceBallot(params.compoundId, params.ballotId, { body, kind: 'vote' }, principal)));
