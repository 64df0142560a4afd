// The local host itself, over HTTP: the page security headers (the one definition the
// CloudFront policy is also built from), malformed requests answered 400 and never 5xx, and the
// JWT checks API Gateway makes before a handler runs (a token without exp is refused).
import { request as httpRequest, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SignJWT } from 'jose';
import { call, testDistrict } from '../support/district.ts';
import type { LocalDistrict } from '../../infra/local/district.ts';
import { createHost } from '../../infra/local/http-host.ts';
import { demoDistrict } from '../../infra/local/demo-district.ts';
import { contentSecurityPolicy, pageSecurityHeaders } from '../../infra/security-headers.ts';
import { RESIDENT_AUDIENCE } from '../../shared/codes.ts';

/** A request with the path exactly as written (fetch would normalize some of it). */
function raw(base: string, method: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string; json: any }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, method, path, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => {
        let json: any = null;
        try { json = JSON.parse(text); } catch { /* a page */ }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

const d = demoDistrict();
const jinkou = d.communities.find((c) => c.name === '金口路社区')!;
const compound = d.compounds.filter((c) => c.communityId === jinkou.id)[1]!;
let district: LocalDistrict;
let admin: string;
let resident: string;
const errors: unknown[] = [];

/** A resident token as the household exchange signs it, with or without exp. */
async function residentToken(exp: number | null): Promise<string> {
  const { residentSigningKeys } = await import('../../functions/auth/secrets.ts');
  const keys = await residentSigningKeys();
  const jwt = new SignJWT({ token_use: 'resident', compound_id: compound.id, building: '1', unit: '1-101', purpose_kind: 'rating', purpose_id: 'host-rating', code_ref: 'host-code' })
    .setProtectedHeader({ alg: (keys as { alg?: string }).alg ?? 'ES256', kid: keys.kid }).setIssuer(process.env.RESIDENT_ISSUER!).setAudience(RESIDENT_AUDIENCE).setSubject('host-resident').setIssuedAt();
  return (exp === null ? jwt : jwt.setExpirationTime(exp)).sign(keys.privateKey);
}

beforeAll(async () => {
  district = await testDistrict({ seed: 'structure', onError: (e) => { errors.push(e); console.error('[district]', e); } });
  admin = await district.auth.issue('admin');
  resident = await residentToken(Math.floor(Date.now() / 1000) + 3600);
});
afterAll(async () => district?.stop());

const securityHeadersOf = (headers: Record<string, string | string[] | undefined>) =>
  Object.fromEntries(Object.keys(pageSecurityHeaders()).map((name) => [name, headers[name]]));

describe('page security headers', () => {
  let host: Server;
  let base: string;
  beforeAll(async () => {
    // A host of its own over a stand-in for web/dist, so a 200 page is checked built or not.
    const webDir = mkdtempSync(join(tmpdir(), 'gongzhi-host-'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>t</title>');
    host = createHost({ routes: [], functionsDir: webDir, webDir, verify: async () => null, onError: (e) => errors.push(e) });
    await new Promise<void>((r) => host.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(host.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((r) => { host.closeAllConnections(); host.close(() => r()); }));

  it('sends every header of infra/security-headers.ts on a page, with the CSP the deployed pages have', async () => {
    const res = await raw(base, 'GET', '/', { 'accept-encoding': 'gzip' });
    expect(res.status).toBe(200);
    expect(securityHeadersOf(res.headers)).toEqual(pageSecurityHeaders());
    // Deployed, the CSP only adds the Cognito domain to connect-src (test/infra/stack.test.ts).
    expect(res.headers['content-security-policy']).toBe(contentSecurityPolicy());
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('sends them on the district host too, on pages found or not and on refused ones', async () => {
    for (const path of ['/', '/admin.html', '/no-such-page', '/%E0%A4%A']) {
      const res = await raw(district.url, 'GET', path);
      expect([200, 400, 404], path).toContain(res.status);
      expect(securityHeadersOf(res.headers), path).toEqual(pageSecurityHeaders());
    }
  });
});

describe('malformed requests', () => {
  const pagePaths = ['/%', '/%E0%A4%A', '/%C0%AF', '/%FF', '/admin%ZZ.html', '/assets/%E0%A4', '/local/%ZZ', '/%ED%A0%80'];
  const apiPaths = ['/api/%', '/api/%E0%A4%A', '/api/%C0%AF', '/api/votes/compounds/%ZZ/ballots', '/api/registry/compounds/%E0%A4%A', '/api/registry/compounds/p0001%C0%AF/codes', '/api/resident/%FF', '/api/public/ballots/%/%'];

  const expectErrorShape = (res: { status: number; json: any; text: string }, where: string) => {
    expect(res.status, where).toBe(400);
    expect(res.json, `${where}: ${res.text}`).toMatchObject({ error: { code: expect.any(String), message: expect.any(String), correlationId: expect.any(String) } });
    expect(res.json.error.fields.length, where).toBeGreaterThan(0);
    for (const f of res.json.error.fields) expect(f).toEqual({ path: expect.any(String), reason: expect.any(String) });
  };

  it('answers a page path that does not decode with a plain 400', async () => {
    for (const path of pagePaths) {
      for (const method of ['GET', 'HEAD']) {
        const res = await raw(district.url, method, path);
        expect(res.status, `${method} ${path}`).toBe(400);
        expect(res.headers['content-type'], path).toMatch(/^text\/plain/);
      }
    }
  });

  it('answers an API path that does not decode with 400 in the one error shape, signed in or not', async () => {
    for (const path of apiPaths) {
      for (const method of ['GET', 'POST', 'PUT', 'DELETE']) {
        for (const token of [undefined, admin, resident]) {
          const res = await raw(district.url, method, path, token ? { authorization: `Bearer ${token}` } : {});
          expectErrorShape(res, `${method} ${path}`);
          expect(res.headers['content-type']).toMatch(/^application\/json/);
        }
      }
    }
  });

  it('answers 400 to a Host header no URL can be made of, and keeps serving', async () => {
    for (const path of ['/', '/api/public/district']) {
      const res = await raw(district.url, 'GET', path, { host: 'a b' });
      expect(res.status, path).toBe(400);
    }
    expect((await raw(district.url, 'GET', '/api/public/district', { host: 'a b' })).json).toMatchObject({ error: { fields: [{ path: 'headers.host' }] } });
    expect((await call(district, 'GET', '/api/public/district')).status).toBe(200);
  });

  it('never answers 5xx to generated percent-encodings anywhere in a path', async () => {
    const hex = fc.constantFrom(...'0123456789abcdefABCDEFGZz%');
    const escape = fc.oneof(fc.constant('%'), fc.tuple(hex, fc.option(hex, { nil: '' })).map(([a, b]) => `%${a}${b}`), fc.constantFrom('%E0%A4', '%C0%AF', '%F0%9F%98', '%ED%A0%80', '%00', '%2F', '%25'));
    const prefix = fc.constantFrom('/', '/api/', '/api/registry/compounds/', '/api/votes/compounds/', '/local/', '/assets/', '/api/public/ballots/p0001/');
    await fc.assert(fc.asyncProperty(prefix, fc.array(fc.oneof(escape, fc.constantFrom('a', '/', 'p0001', '.', '..')), { minLength: 1, maxLength: 6 }), fc.constantFrom('GET', 'POST'), async (p, parts, method) => {
      const path = p + parts.join('');
      const res = await raw(district.url, method, path, { authorization: `Bearer ${admin}` });
      expect(res.status, `${method} ${path}: ${res.text.slice(0, 200)}`).toBeLessThan(500);
      // Dot segments are resolved first, as URLs are: /api/../%a is the page path /%a.
      if (res.status === 400 && new URL(district.url + path).pathname.startsWith('/api/')) expectErrorShape(res, `${method} ${path}`);
    }), { numRuns: 150 });
    expect(errors).toEqual([]);
  });
});

describe('the name the district goes by', () => {
  it('sends a page asked for as localhost to 127.0.0.1, where its sign-in issuer lives', async () => {
    const res = await fetch(district.url.replace('127.0.0.1', 'localhost') + '/admin.html?compound=p0001', { redirect: 'manual' });
    expect(res.status).toBe(308);
    expect(res.headers.get('location')).toBe(`${district.url}/admin.html?compound=p0001`);
    // The API answers under any name (a script may use either).
    expect((await fetch(district.url.replace('127.0.0.1', 'localhost') + '/api/public/district')).status).toBe(200);
  });
});

describe('tokens without exp', () => {
  const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());

  it('refuses a staff token signed with the right key but without exp, as API Gateway does', async () => {
    const claims = district.auth.claimsOf({ sub: 'admin', name: '区管理员', role: 'district_admin', scopeId: 'district' });
    const noExp = await district.auth.sign(claims, null);
    expect(claimsOf(noExp).exp).toBeUndefined();
    expect(await call(district, 'GET', '/api/registry/tree', { token: noExp })).toMatchObject({ status: 401, json: { message: 'Unauthorized' } });
    // The same claims and key with exp: accepted.
    const withExp = await district.auth.sign(claims, Math.floor(Date.now() / 1000) + 600);
    expect((await call(district, 'GET', '/api/registry/tree', { token: withExp })).status).toBe(200);
  });

  it('refuses a resident token signed with the resident key but without exp', async () => {
    const noExp = await residentToken(null);
    expect(claimsOf(noExp).exp).toBeUndefined();
    expect(await call(district, 'GET', '/api/resident/me', { token: noExp })).toMatchObject({ status: 401, json: { message: 'Unauthorized' } });
    // The same claims and key with exp: accepted.
    expect(await call(district, 'GET', '/api/resident/me', { token: await residentToken(Math.floor(Date.now() / 1000) + 600) })).toMatchObject({ status: 200, json: { compound: { id: compound.id } } });
  });
});
