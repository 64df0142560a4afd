import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { putLeader } from './store.ts';

export const handler = httpHandler(routes.leaderPut, async ({ params, body }, { principal }) => putLeader(params.leaderId, body, principal));
