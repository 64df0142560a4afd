import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { authorizeUrl, challengeOf, randomVerifier } from '../../web/src/lib/pkce.ts';

describe('PKCE for staff sign-in', () => {
  it('derives the S256 challenge of RFC 7636, appendix B', async () => {
    expect(await challengeOf('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('makes verifiers of 43 URL-safe characters (256 bits), never the same twice', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const v = randomVerifier();
      expect(v).toMatch(/^[A-Za-z0-9_-]{43}$/);
      seen.add(v);
    }
    expect(seen.size).toBe(200);
  });

  it('sends the challenge, never the verifier, to the authorize endpoint', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ minLength: 43, maxLength: 43 }), async (verifier) => {
      const url = new URL(await authorizeUrl({ kind: 'cognito', domain: 'https://gongzhi-x.auth.cn-north-1.amazoncognito.com', clientId: 'c1', redirectUri: 'https://a.example/admin.html' }, verifier, 's1'));
      expect(url.searchParams.get('code_challenge')).toBe(await challengeOf(verifier));
      expect(url.searchParams.get('code_challenge_method')).toBe('S256');
      expect(url.href).not.toContain(encodeURIComponent(verifier));
    }), { numRuns: 30 });
  });
});
