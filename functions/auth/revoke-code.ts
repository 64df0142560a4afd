import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { revokeCode } from './codes-store.ts';

export const handler = httpHandler(routes.codeRevoke, async ({ params, body }, { principal }) => revokeCode(params.compoundId, body, principal));
