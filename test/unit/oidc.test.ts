import { afterEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { authorizeUrl, challengeOf, claimsOf, endpointsOf, exchangeCode, randomVerifier, type OidcConfig } from '../../web/src/lib/oidc.ts';

const config: OidcConfig = { kind: 'oidc', issuer: 'https://sso.example.cn/realms/gongzhi', clientId: 'c1', redirectUri: 'https://a.example/admin.html' };
const endpoints = { authorization: 'https://sso.example.cn/realms/gongzhi/protocol/openid-connect/auth?kc_idp_hint=gov', token: 'https://sso.example.cn/realms/gongzhi/protocol/openid-connect/token' };
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const jwt = (claims: unknown) => `${b64({ alg: 'RS256' })}.${b64(claims)}.sig`;

afterEach(() => vi.unstubAllGlobals());

describe('staff sign-in with OIDC, code + PKCE', () => {
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

  it('sends the challenge, the state and a nonce, never the verifier; keeps the endpoint’s own query', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ minLength: 43, maxLength: 43 }), async (verifier) => {
      const url = new URL(await authorizeUrl(config, endpoints, { verifier, state: 's1', nonce: 'n1' }));
      expect(url.searchParams.get('code_challenge')).toBe(await challengeOf(verifier));
      expect(url.searchParams.get('code_challenge_method')).toBe('S256');
      expect(url.searchParams.get('kc_idp_hint')).toBe('gov');
      // The issuer asks again after 退出, whoever it remembers.
      expect(url.searchParams.get('prompt')).toBe('login');
      expect([url.searchParams.get('state'), url.searchParams.get('nonce'), url.searchParams.get('client_id')]).toEqual(['s1', 'n1', 'c1']);
      expect(url.href).not.toContain(encodeURIComponent(verifier));
    }), { numRuns: 30 });
  });

  it('reads the endpoints from the issuer’s discovery document, and refuses one naming another issuer', async () => {
    const fetch = vi.fn(async (_url: string) => new Response(JSON.stringify({ issuer: config.issuer, authorization_endpoint: endpoints.authorization, token_endpoint: endpoints.token })));
    vi.stubGlobal('fetch', fetch);
    expect(await endpointsOf(config)).toEqual(endpoints);
    expect(fetch.mock.calls[0]![0]).toBe('https://sso.example.cn/realms/gongzhi/.well-known/openid-configuration');
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ issuer: 'https://evil.example', authorization_endpoint: 'https://evil.example/a', token_endpoint: 'https://evil.example/t' })));
    await expect(endpointsOf(config)).rejects.toThrow(/issuer/);
    // Endpoints given in the config (Cognito) are used as they are, without a request.
    vi.stubGlobal('fetch', async () => { throw new Error('no request expected'); });
    expect(await endpointsOf({ ...config, endpoints })).toEqual(endpoints);
  });

  it('takes an ID token only if it answers this sign-in’s nonce', async () => {
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ id_token: jwt({ sub: 'u', nonce: 'n1', name: '张三' }) })));
    expect(claimsOf(await exchangeCode(config, endpoints, 'code', 'v', 'n1'))).toMatchObject({ sub: 'u', name: '张三' });
    await expect(exchangeCode(config, endpoints, 'code', 'v', 'n2')).rejects.toThrow(/nonce/);
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ error: 'invalid_grant' }), { status: 400 }));
    await expect(exchangeCode(config, endpoints, 'code', 'v', 'n1')).rejects.toThrow(/400/);
  });
});
