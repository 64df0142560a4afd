// The one middleware stack, fed literal API Gateway v2 events: no AWS, no mocks.
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { httpHandler } from '../../functions/lib/http.ts';
import { Conflict, NotFound } from '../../shared/errors.ts';
import type { RouteDef } from '../../functions/manifest.ts';
import { lambdaContext } from '../../infra/local/lambda-context.ts';

const body = z.object({ name: z.string().min(2), count: z.number().int().min(0) });
const publicRoute = { method: 'POST', path: '/api/test', handler: 'test', body, access: { public: true } } satisfies RouteDef;
const staffRoute = { method: 'GET', path: '/api/staff', handler: 'test', access: { roles: ['district_admin'], scope: 'own' } } satisfies RouteDef;

function event(over: Partial<APIGatewayProxyEventV2> & { claims?: Record<string, unknown> } = {}): APIGatewayProxyEventV2 {
  const { claims, ...rest } = over;
  return {
    version: '2.0', routeKey: 'POST /api/test', rawPath: '/api/test', rawQueryString: '', headers: { 'content-type': 'application/json' },
    requestContext: { requestId: 'req-123456', http: { method: 'POST', path: '/api/test' }, ...(claims ? { authorizer: { jwt: { claims, scopes: null } } } : {}) } as never,
    isBase64Encoded: false, ...rest,
  } as APIGatewayProxyEventV2;
}
const ctx = (): Context => lambdaContext('test', 10);
const parse = (r: { body?: string }) => JSON.parse(r.body ?? '{}');

describe('HTTP middleware stack', () => {
  const echo = httpHandler(publicRoute, async ({ body: b }) => ({ hello: b.name, n: b.count }));

  it('passes typed, validated input to the handler', async () => {
    const res = await echo(event({ body: '{"name":"金口路","count":3}' }), ctx());
    expect(res.statusCode).toBe(200);
    expect(parse(res)).toEqual({ hello: '金口路', n: 3 });
    const headers = Object.fromEntries(Object.entries(res.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['content-type']).toMatch(/^application\/json/);
  });

  it('answers a schema violation with 400 and every field with its reason', async () => {
    const res = await echo(event({ body: '{"name":"x","count":-1,"extra":true}' }), ctx());
    expect(res.statusCode).toBe(400);
    const { error } = parse(res);
    expect(error.code).toBe('validation_failed');
    expect(error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['body.count', 'body.name']);
    expect(error.fields.every((f: { reason: string }) => f.reason.length > 0)).toBe(true);
    expect(error.correlationId).toBe('req-123456');
  });

  it('answers malformed JSON with 400, a wrong content type with 415, an oversized body with 413', async () => {
    const bad = await echo(event({ body: '{"name":' }), ctx());
    expect(bad.statusCode).toBe(400);
    expect(parse(bad).error).toMatchObject({ code: 'malformed_json', fields: [{ path: 'body' }] });
    const text = await echo(event({ body: 'name=x', headers: { 'content-type': 'text/plain' } }), ctx());
    expect(text.statusCode).toBe(415);
    expect(parse(text).error.code).toBe('unsupported_media_type');
    const big = await echo(event({ body: JSON.stringify({ name: 'x'.repeat(70_000), count: 1 }) }), ctx());
    expect(big.statusCode).toBe(413);
    expect(parse(big).error.code).toBe('body_too_large');
  });

  it('maps typed domain errors to their statuses', async () => {
    const notFound = httpHandler(publicRoute, async () => { throw new NotFound('Compound'); });
    const conflict = httpHandler(publicRoute, async () => { throw new Conflict('already voted', 'already_voted'); });
    const ok = event({ body: '{"name":"ab","count":1}' });
    expect((await notFound(ok, ctx())).statusCode).toBe(404);
    const c = await conflict(event({ body: '{"name":"ab","count":1}' }), ctx());
    expect(c.statusCode).toBe(409);
    expect(parse(c).error.code).toBe('already_voted');
  });

  it('turns anything unexpected into a 500 with the correlation id and nothing internal', async () => {
    const boom = httpHandler(publicRoute, async () => { throw new Error('ConditionExpression secret-table-name failed at /var/task/x.js'); });
    const res = await boom(event({ body: '{"name":"ab","count":1}', headers: { 'content-type': 'application/json', 'x-correlation-id': 'trace-abcdef' } }), ctx());
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toMatch(/secret|var\/task|Condition/);
    expect(parse(res).error).toEqual({ code: 'internal', message: 'Internal error', fields: [], correlationId: 'trace-abcdef' });
  });

  it('requires a verified principal with an allowed role', async () => {
    const staff = httpHandler(staffRoute, async (_i, { principal }) => ({ principal }));
    const base = { body: undefined, headers: {} };
    expect((await staff(event(base), ctx())).statusCode).toBe(401);
    const wrongRole = await staff(event({ ...base, claims: { sub: 'u1', 'cognito:groups': '[community_staff]', 'custom:scope_id': 'c001' } }), ctx());
    expect(wrongRole.statusCode).toBe(403);
    const ok = await staff(event({ ...base, claims: { sub: 'u1', name: '管理员', 'cognito:groups': '[district_admin]', 'custom:scope_id': 'district' } }), ctx());
    expect(ok.statusCode).toBe(200);
    expect(parse(ok).principal).toEqual({ kind: 'staff', sub: 'u1', role: 'district_admin', scopeId: 'district', name: '管理员' });
  });

  it('refuses a body on a route that takes none', async () => {
    const staff = httpHandler(staffRoute, async () => ({}));
    const res = await staff(event({ body: '{}', claims: { sub: 'u1', 'cognito:groups': ['district_admin'], 'custom:scope_id': 'district' } }), ctx());
    expect(res.statusCode).toBe(400);
    expect(parse(res).error.fields[0].path).toBe('body');
  });
});

describe('the viewer address behind CloudFront', () => {
  const seen = httpHandler(publicRoute, async (_i, { clientAddress }) => ({ clientAddress }));
  const viaCloudFront = (headers: Record<string, string>) => event({
    body: '{"name":"ab","count":1}',
    headers: { 'content-type': 'application/json', ...headers },
    requestContext: { requestId: 'req-123456', http: { method: 'POST', path: '/api/test', sourceIp: '130.176.1.1' } } as never,
  });

  it('keys IPv4 viewers by address and IPv6 viewers by their /64', async () => {
    const { viewerKey } = await import('../../functions/lib/http.ts');
    expect(viewerKey('203.0.113.7:51234')).toBe('203.0.113.7');
    expect(viewerKey('2001:db8:0:12:aaaa:bbbb:cccc:dddd:443')).toBe('2001:db8:0:12::/64');
    expect(viewerKey('2001:db8::1:443')).toBe('2001:db8:0:0::/64');
    expect(viewerKey('2001:0db8:0000:0012::9:80')).toBe(viewerKey('2001:db8:0:12:1:2:3:4:80'));
    for (const bad of [undefined, '', '203.0.113.7', 'x:80', '1.2.3:80', 'fe80::zz:80', '::::::::::1:80']) expect(viewerKey(bad)).toBeNull();
  });

  it('uses the socket address when no origin secret is configured (the local district)', async () => {
    const { clientAddressOf } = await import('../../functions/lib/http.ts');
    expect(clientAddressOf(viaCloudFront({ 'cloudfront-viewer-address': '203.0.113.7:1' }), '')).toBe('130.176.1.1');
  });

  it('trusts CloudFront-Viewer-Address only on requests that carry the origin secret, and refuses the rest', async () => {
    const { clientAddressOf, ORIGIN_HEADER } = await import('../../functions/lib/http.ts');
    const secret = 's3cret-of-32-characters-xxxxxxx';
    expect(clientAddressOf(viaCloudFront({ [ORIGIN_HEADER]: secret, 'cloudfront-viewer-address': '203.0.113.7:1' }), secret)).toBe('203.0.113.7');
    // Through CloudFront without the header (should not happen): fall back to the edge address.
    expect(clientAddressOf(viaCloudFront({ [ORIGIN_HEADER]: secret }), secret)).toBe('130.176.1.1');
    // Straight at the API with a forged viewer address: refused, whatever the address says.
    for (const given of [undefined, '', 'wrong', `${secret}x`, secret.slice(1)]) {
      const headers: Record<string, string> = { 'cloudfront-viewer-address': '198.51.100.1:1' };
      if (given !== undefined) headers[ORIGIN_HEADER] = given;
      expect(() => clientAddressOf(viaCloudFront(headers), secret)).toThrow(/site/);
    }
  });

  it('answers 403 in the stable error shape to a request that bypassed CloudFront', async () => {
    const before = process.env.ORIGIN_SECRET;
    process.env.ORIGIN_SECRET = 'origin-secret-for-this-test';
    try {
      const res = await seen(viaCloudFront({ 'cloudfront-viewer-address': '198.51.100.1:1' }), ctx());
      expect(res.statusCode).toBe(403);
      expect(parse(res).error.code).toBe('forbidden');
      const ok = await seen(viaCloudFront({ 'x-gongzhi-origin': 'origin-secret-for-this-test', 'cloudfront-viewer-address': '198.51.100.1:1' }), ctx());
      expect(parse(ok)).toEqual({ clientAddress: '198.51.100.1' });
    } finally {
      if (before === undefined) delete process.env.ORIGIN_SECRET; else process.env.ORIGIN_SECRET = before;
    }
  });
});
