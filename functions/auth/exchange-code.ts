import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { exchangeCode } from './codes-store.ts';

export const handler = httpHandler(routes.codeExchange, async ({ body }, { clientAddress }) => exchangeCode(body, clientAddress));
