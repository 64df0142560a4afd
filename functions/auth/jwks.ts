import { routes } from '../manifest.ts';
import { HttpResult, httpHandler } from '../lib/http.ts';
import { residentSigningKeys } from './secrets.ts';

// API Gateway's resident authorizer fetches this to verify resident tokens.
export const handler = httpHandler(routes.residentJwks, async () => {
  const { publicJwk } = await residentSigningKeys();
  const { d: _private, ...jwk } = publicJwk as typeof publicJwk & { d?: string };
  return new HttpResult(200, { keys: [jwk] }, { 'cache-control': 'public, max-age=300' });
});
