import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { putRouting } from './routing-store.ts';

export const handler = httpHandler(routes.appealRoutingPut, async ({ body }, { principal }) => putRouting(body, principal));
