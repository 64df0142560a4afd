// Staff sign-in through an OpenID Connect issuer, as a district deployed in China uses its own
// (a government identity platform, an IDaaS, Keycloak): locally the demo issuer, whose claims
// are not Cognito's, so the claim mapping runs here every day. Tried: the whole authorization
// code + PKCE flow; a wrong verifier, a reused code, an unregistered redirect, no PKCE; tokens
// whose claims name no usable role or scope (told why, never empty pages); a sign-in audited
// once however many functions the token reaches.
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, testDistrict } from '../support/district.ts';
import type { LocalDistrict } from '../../infra/local/district.ts';
import { LOCAL_CLIENT_ID } from '../../infra/local/auth.ts';
import { STAFF_REFUSAL_MESSAGES } from '../../shared/staff-claims.ts';

let district: LocalDistrict;
let issuer: string;
let redirectUri: string;
let discovery: { authorization_endpoint: string; token_endpoint: string; jwks_uri: string; issuer: string; code_challenge_methods_supported: string[] };

beforeAll(async () => {
  district = await testDistrict({ seed: 'structure' });
  const config = await (await fetch(`${district.url}/config.json`)).json();
  expect(config.auth).toMatchObject({ kind: 'oidc', clientId: LOCAL_CLIENT_ID });
  issuer = config.auth.issuer;
  redirectUri = config.auth.redirectUri;
  discovery = await (await fetch(`${issuer}/.well-known/openid-configuration`)).json();
});
afterAll(async () => district?.stop());

const verifierPair = () => {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};

function authorizeParams(challenge: string, o: Record<string, string> = {}) {
  return new URLSearchParams({ client_id: LOCAL_CLIENT_ID, redirect_uri: redirectUri, response_type: 'code', scope: 'openid profile', code_challenge: challenge, code_challenge_method: 'S256', state: 'st-1', nonce: 'n-1', ...o });
}

/** Chooses a demo user on the issuer's page: the redirect back to the admin page with a code. */
async function signInAt(username: string, challenge: string) {
  const res = await fetch(discovery.authorization_endpoint, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `${authorizeParams(challenge)}&username=${username}` });
  expect(res.status).toBe(303);
  return new URL(res.headers.get('location')!);
}

const token = (form: Record<string, string>) =>
  fetch(discovery.token_endpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'authorization_code', client_id: LOCAL_CLIENT_ID, redirect_uri: redirectUri, ...form }) });

describe('the local issuer', () => {
  it('publishes discovery with PKCE S256 only, and an RS256 key', async () => {
    expect(discovery.issuer).toBe(issuer);
    expect(discovery.code_challenge_methods_supported).toEqual(['S256']);
    const jwks = await (await fetch(discovery.jwks_uri)).json();
    expect(jwks.keys.map((k: { alg: string; kty: string }) => `${k.kty}/${k.alg}`)).toEqual(['RSA/RS256']);
  });

  it('signs a demo user in with a code and its verifier, once', async () => {
    const { verifier, challenge } = verifierPair();
    const page = await fetch(`${discovery.authorization_endpoint}?${authorizeParams(challenge)}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('name="username" value="jinkou"');
    const back = await signInAt('jinkou', challenge);
    expect(`${back.origin}${back.pathname}`).toBe(redirectUri);
    expect(back.searchParams.get('state')).toBe('st-1');
    const code = back.searchParams.get('code')!;
    const wrong = await token({ code, code_verifier: verifierPair().verifier });
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).error).toBe('invalid_grant');
    // A code is good for one try: after a wrong verifier, the right one no longer helps.
    expect((await token({ code, code_verifier: verifier })).status).toBe(400);

    const again = verifierPair();
    const code2 = (await signInAt('jinkou', again.challenge)).searchParams.get('code')!;
    const ok = await token({ code: code2, code_verifier: again.verifier });
    expect(ok.status).toBe(200);
    const { id_token } = await ok.json();
    const claims = JSON.parse(Buffer.from(id_token.split('.')[1], 'base64url').toString());
    expect(claims).toMatchObject({ iss: issuer, aud: LOCAL_CLIENT_ID, sub: 'jinkou', nonce: 'n-1', roles: ['gongzhi-community'] });
    expect(claims['cognito:groups']).toBeUndefined();
    const me = await call(district, 'GET', '/api/staff/me', { token: id_token });
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({ sub: 'jinkou', role: 'community_staff' });
    expect((await token({ code: code2, code_verifier: again.verifier })).status).toBe(400);
  });

  it('never sends a code to an unregistered address, and refuses a request without PKCE', async () => {
    const { challenge } = verifierPair();
    const evil = await fetch(`${discovery.authorization_endpoint}?${authorizeParams(challenge, { redirect_uri: 'https://evil.example/cb' })}`, { redirect: 'manual' });
    expect(evil.status).toBe(400);
    expect(evil.headers.get('location')).toBeNull();
    const plain = await fetch(`${discovery.authorization_endpoint}?${authorizeParams(challenge, { code_challenge_method: 'plain' })}`, { redirect: 'manual' });
    expect(plain.status).toBe(303);
    expect(new URL(plain.headers.get('location')!).searchParams.get('error')).toBe('invalid_request');
  });
});

describe('claims that name nobody here', () => {
  const exp = () => Math.floor(Date.now() / 1000) + 600;
  const cases: [string, Record<string, unknown>, keyof typeof STAFF_REFUSAL_MESSAGES][] = [
    ['no role claim', { sub: 'u1', gongzhi_scope: 'district' }, 'no_role'],
    ['a role value the district did not map', { sub: 'u2', roles: ['admin'], gongzhi_scope: 'district' }, 'unknown_role'],
    ['two roles', { sub: 'u3', roles: ['gongzhi-street', 'gongzhi-community'], gongzhi_scope: 's01' }, 'several_roles'],
    ['no scope', { sub: 'u4', roles: ['gongzhi-street'] }, 'no_scope'],
    ['a scope that is not an id', { sub: 'u5', roles: ['gongzhi-street'], gongzhi_scope: '../district' }, 'no_scope'],
    ['Cognito\'s claims, which this district does not use', { sub: 'u6', 'cognito:groups': ['district_admin'], 'custom:scope_id': 'district' }, 'no_role'],
  ];
  it.each(cases)('%s: 403 with the reason, on every staff route', async (_what, claims, reason) => {
    const t = await district.auth.sign(claims, exp());
    for (const path of ['/api/staff/me', '/api/registry/tree']) {
      const res = await call(district, 'GET', path, { token: t });
      expect(res.status, path).toBe(403);
      expect(res.json.error).toMatchObject({ code: 'staff_claims', fields: [{ path: 'token', reason }] });
    }
  });
});

describe('sign-ins in the audit trail', () => {
  it('records a token\'s first use once, however many routes it reaches', async () => {
    const admin = await district.auth.issue('admin');
    const t = await district.auth.sign({ ...district.auth.claimsOf({ sub: 'audited-staff', name: '审计测试', role: 'street_staff', scopeId: 's01' }), auth_time: Math.floor(Date.now() / 1000) }, Math.floor(Date.now() / 1000) + 600);
    await Promise.all(['/api/staff/me', '/api/registry/tree', '/api/staff/me', '/api/ratings/campaigns'].map((p) => call(district, 'GET', p, { token: t })));
    await call(district, 'GET', '/api/staff/me', { token: t });
    const audit = await call(district, 'GET', '/api/audit?actor=audited-staff', { token: admin });
    expect(audit.status, audit.text).toBe(200);
    const signIns = audit.json.entries.filter((e: { action: string }) => e.action === 'staff.sign-in');
    expect(signIns).toHaveLength(1);
    expect(signIns[0]).toMatchObject({ actor: 'audited-staff', role: 'street_staff', scopeId: 's01' });
  });
});
