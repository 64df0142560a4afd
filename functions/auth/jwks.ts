import * as routes from '../routes.ts';
import { HttpResult, httpHandler } from '../lib/http.ts';
import { residentPublicKeys } from './secrets.ts';

// API Gateway's resident authorizer reads these (through the discovery document) to verify resident tokens.
export const handler = httpHandler(routes.residentJwks, async () => new HttpResult(200, { keys: await residentPublicKeys() }, { 'cache-control': 'public, max-age=300' }));
