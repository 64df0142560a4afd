import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { trackAppeal } from './resident-appeals.ts';

export const handler = httpHandler(routes.trackAppeal, async ({ body }, { clientAddress }) => trackAppeal(body.code, clientAddress));
