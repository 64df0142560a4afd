import * as routes from '../routes.ts';
import { httpHandler, HttpResult } from '../lib/http.ts';
import { fileAppeal } from './resident-appeals.ts';

export const handler = httpHandler(routes.residentAppeal, async ({ body }, { clientAddress }) => new HttpResult(201, await fileAppeal(body, clientAddress)));
