import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { putPairing } from './store.ts';

export const handler = httpHandler(routes.pairingPut, async ({ params, body }, { principal }) => putPairing(params.communityId, body, principal));
