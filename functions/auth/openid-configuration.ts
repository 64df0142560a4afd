import * as routes from '../routes.ts';
import { HttpResult, httpHandler } from '../lib/http.ts';
import { RESIDENT_KEY_ALG, residentIssuer } from './secrets.ts';

/**
 * The discovery document of the resident issuer. API Gateway's JWT authorizer fetches
 * {issuer}/.well-known/openid-configuration and then its jwks_uri; without this document no
 * resident route would verify once deployed.
 */
export const handler = httpHandler(routes.residentDiscovery, async () => {
  const issuer = residentIssuer();
  return new HttpResult(200, {
    issuer,
    jwks_uri: `${issuer}/.well-known/jwks.json`,
    response_types_supported: ['id_token'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: [RESIDENT_KEY_ALG],
  }, { 'cache-control': 'public, max-age=300' });
});
