// Local stand-in for the Cognito user pool: demo users and ID tokens with the same claims
// (sub, name, cognito:groups, custom:scope_id), signed by a key kept in the data folder.
// The host verifies them and fills requestContext.authorizer.jwt.claims exactly as API
// Gateway's JWT authorizer does; the handlers' code path is the same on AWS.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { SignJWT, exportJWK, generateKeyPair, importJWK, jwtVerify, type JWTPayload, type CryptoKey as JoseKey } from 'jose';
import type { StaffRole } from '../../shared/access.ts';

export const LOCAL_ISSUER = 'https://gongzhi.local/auth';
export const LOCAL_AUDIENCE = 'gongzhi-local';

export interface DemoUser { username: string; name: string; role: StaffRole; scopeId: string; scopeName: string }

export interface LocalAuth {
  users: DemoUser[];
  issue(username: string, ttlSeconds?: number): Promise<string>;
  /** Claims of a valid token, or null: the decision API Gateway's authorizer makes. */
  verify(token: string): Promise<JWTPayload | null>;
  /** For tests: a token signed by this key with any claims and expiry (null: no exp claim). */
  sign(claims: JWTPayload, expiresAt: number | null): Promise<string>;
}

export async function localAuth(keyFile: string | null, users: DemoUser[]): Promise<LocalAuth> {
  let privateKey: JoseKey;
  let publicKey: JoseKey;
  if (keyFile && existsSync(keyFile)) {
    const saved = JSON.parse(readFileSync(keyFile, 'utf8'));
    privateKey = (await importJWK(saved.private, 'ES256')) as JoseKey;
    publicKey = (await importJWK(saved.public, 'ES256')) as JoseKey;
  } else {
    ({ privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true }));
    if (keyFile) writeFileSync(keyFile, JSON.stringify({ private: await exportJWK(privateKey), public: await exportJWK(publicKey) }), { mode: 0o600 });
  }
  const verified = new Map<string, JWTPayload>();
  const sign = (claims: JWTPayload, expiresAt: number | null) => {
    const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'ES256' }).setIssuer(LOCAL_ISSUER).setAudience(LOCAL_AUDIENCE).setIssuedAt();
    return (expiresAt === null ? jwt : jwt.setExpirationTime(expiresAt)).sign(privateKey);
  };
  return {
    users,
    sign,
    async issue(username, ttlSeconds = 8 * 3600) {
      const user = users.find((u) => u.username === username);
      if (!user) throw new Error(`no demo user ${username}`);
      return sign({ sub: user.username, name: user.name, 'cognito:groups': [user.role], 'custom:scope_id': user.scopeId, token_use: 'id' }, Math.floor(Date.now() / 1000) + ttlSeconds);
    },
    async verify(token) {
      // A signature verifies the same way every time: remember good tokens until they expire
      // (an ES256 verification costs about 1 ms; API Gateway's authorizer is not on our clock).
      const hit = verified.get(token);
      if (hit) {
        if ((hit.exp ?? 0) * 1000 > Date.now()) return hit;
        verified.delete(token);
      }
      try {
        // API Gateway's JWT authorizer refuses a token without exp; jose alone would accept it.
        const { payload } = await jwtVerify(token, publicKey, { issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE, algorithms: ['ES256'], requiredClaims: ['exp'] });
        if (verified.size > 1000) verified.clear();
        verified.set(token, payload);
        return payload;
      } catch {
        return null;
      }
    },
  };
}
