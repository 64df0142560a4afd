// What API Gateway's HTTP API JWT authorizer does, the way it does it, for the local host:
// read {issuer}/.well-known/openid-configuration over HTTP, take its jwks_uri, accept RSA
// signatures only, check the issuer and the audience, and refuse a token without exp (jose
// alone would accept one). Used for staff tokens (the local OIDC issuer) and resident tokens.
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';

export function jwtAuthorizer(o: { issuer: () => string; audience: string }): (token: string) => Promise<JWTPayload | null> {
  let keySet: { issuer: string; jwks: ReturnType<typeof createRemoteJWKSet> } | undefined;
  const jwksOf = async (issuer: string) => {
    if (keySet?.issuer !== issuer) {
      const discovery = (await fetch(`${issuer}/.well-known/openid-configuration`).then((r) => r.json())) as { issuer: string; jwks_uri: string };
      if (discovery.issuer !== issuer) throw new Error(`discovery document names issuer ${discovery.issuer}, not ${issuer}`);
      keySet = { issuer, jwks: createRemoteJWKSet(new URL(discovery.jwks_uri)) };
    }
    return keySet.jwks;
  };
  // A signature verifies the same way every time: good tokens are remembered until they expire.
  const verified = new Map<string, JWTPayload>();
  return async (token) => {
    const hit = verified.get(token);
    if (hit) {
      if ((hit.exp ?? 0) * 1000 > Date.now()) return hit;
      verified.delete(token);
    }
    try {
      const issuer = o.issuer();
      const { payload } = await jwtVerify(token, await jwksOf(issuer), { issuer, audience: o.audience, algorithms: ['RS256', 'RS384', 'RS512'], requiredClaims: ['exp'] });
      if (verified.size > 1000) verified.clear();
      verified.set(token, payload);
      return payload;
    } catch {
      return null;
    }
  };
}
