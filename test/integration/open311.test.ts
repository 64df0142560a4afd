// Open311 GeoReport v2 at /open311/v2/ as the specification and the client libraries expect
// (functions/open311/README.md): JSON by the Spark convention and XML with its declaration, the
// error list with 404/403/400, form-encoded POSTs with parameters in the body or the query, whole
// seconds with a zone, and no personal data in any answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, testDistrict } from '../support/district.ts';
import { sendOrder, step, workOrder } from '../support/appeals.ts';
import type { LocalDistrict } from '../../infra/local/district.ts';
import { demoDistrict } from '../../infra/local/demo-district.ts';

const d = demoDistrict();
const anqing = d.compounds.find((c) => c.name === '安庆路16号小区')!;
let district: LocalDistrict;
let apiKey: string;
let hotline: string;
let closedId: string;
let openId: string;
const PHONE = '13912345678';

const W3C = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$/;

async function form(path: string, body: string) {
  return call(district, 'POST', path, { rawBody: body, contentType: 'application/x-www-form-urlencoded; charset=utf-8' });
}

beforeAll(async () => {
  // Five requests an hour per key here (300 by default), so the limit is reached in a test.
  district = await testDistrict({ seed: 'structure', appeals: { open311PostsPerHour: 5 } });
  const admin = await district.auth.issue('admin');
  hotline = await district.auth.issue('hotline');
  apiKey = (await call(district, 'POST', '/api/appeals/open311/keys', { token: admin, body: { name: '市民随手拍' } })).json.apiKey;
  openId = (await sendOrder(district, workOrder({ callerPhone: PHONE, content: '我叫张伟，电话13912345678，楼道灯不亮。' }))).json.caseId;
  closedId = (await sendOrder(district, workOrder({ callerPhone: PHONE }))).json.caseId;
  await step(district, hotline, closedId, { kind: 'invalidate', reason: '重复来电，已并案。' });
});
afterAll(async () => district?.stop());

describe('Open311 GeoReport v2', () => {
  it('lists the services in JSON (an array) and XML (declared, no namespace), with the required fields', async () => {
    const json = await call(district, 'GET', '/open311/v2/services.json');
    expect(json.status).toBe(200);
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
    expect(Array.isArray(json.json)).toBe(true);
    for (const s of json.json) expect(s).toMatchObject({ service_code: expect.any(String), service_name: expect.any(String), metadata: false, type: 'realtime' });
    expect(json.json.map((s: { service_code: string }) => s.service_code)).toContain('property');
    const xml = await call(district, 'GET', '/open311/v2/services.xml');
    expect(xml.headers.get('content-type')).toMatch(/^text\/xml/);
    expect(xml.text.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<services><service><service_code>')).toBe(true);
    expect(xml.text).not.toMatch(/xmlns/);
    expect(xml.text.match(/<service>/g)!.length).toBe(json.json.length);
    const def = await call(district, 'GET', '/open311/v2/services/property.json');
    expect(def.json).toEqual({ service_code: 'property', attributes: [] });
    const none = await call(district, 'GET', '/open311/v2/services/nope.xml');
    expect(none.status).toBe(404);
    expect(none.text).toMatch(/^<\?xml[^>]*>\n<errors><error><code>404<\/code><description>.+<\/description><\/error><\/errors>$/);
  });

  it('creates a request from a form-encoded POST with the API key in the body or the query, and refuses a bad key with 403', async () => {
    const body = `service_code=property&address_id=${anqing.id}&description=${encodeURIComponent('小区路灯不亮。')}&phone=${PHONE}&first_name=${encodeURIComponent('李')}&attribute[x][]=1&attribute[x][0]=2`;
    const inBody = await form('/open311/v2/requests.json', `api_key=${apiKey}&${body}`);
    expect(inBody.status, inBody.text).toBe(200);
    expect(inBody.json).toEqual([{ service_request_id: expect.stringMatching(/^[0-9a-z]{25}$/), service_notice: expect.stringMatching(/已受理/), account_id: null }]);
    const inQuery = await form(`/open311/v2/requests.xml?api_key=${apiKey}`, body);
    expect(inQuery.status).toBe(200);
    expect(inQuery.text).toMatch(/<service_requests><request><service_request_id>[0-9a-z]{25}<\/service_request_id>/);
    // The new case is the hotline centre's, where it happened.
    const view = await call(district, 'GET', `/api/appeals/cases/${inBody.json[0].service_request_id}`, { token: hotline });
    expect(view.json.case).toMatchObject({ channel: 'open311', category: 'property', placeName: anqing.name, state: 'received' });
    for (const [what, b, status] of [
      ['no key', body, 403], ['a wrong key', `api_key=wrong&${body}`, 403], ['an unknown service', `api_key=${apiKey}&service_code=nope&address_string=x&description=y`, 404],
      ['no location', `api_key=${apiKey}&service_code=property&description=y`, 400], ['no description', `api_key=${apiKey}&service_code=property&address_string=x`, 400],
      ['an unknown address id', `api_key=${apiKey}&service_code=property&address_id=p9999&description=y`, 400],
    ] as const) {
      const res = await form('/open311/v2/requests.json', b);
      expect(res.status, what).toBe(status);
      expect(res.json, what).toEqual([{ code: status, description: expect.any(String) }]);
    }
  });

  it('limits the requests one key creates in an hour, in Open311\'s error shape, and counts no refused one', async () => {
    const key = (await call(district, 'POST', '/api/appeals/open311/keys', { token: await district.auth.issue('admin'), body: { name: '限流测试应用' } })).json.apiKey;
    const one = (i: number) => `api_key=${key}&service_code=property&address_id=${anqing.id}&description=${encodeURIComponent(`第 ${i} 件：楼道灯不亮。`)}`;
    // Refusals first: they do not use the budget.
    for (let i = 0; i < 3; i++) expect((await form('/open311/v2/requests.json', `api_key=${key}&service_code=property&description=y`)).status).toBe(400);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await form('/open311/v2/requests.json', one(i))).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const over = await form('/open311/v2/requests.json', one(7));
    expect(over.json).toEqual([{ code: 429, description: expect.stringMatching(/每小时最多 5 件/) }]);
    // Another key has its own budget.
    expect((await form('/open311/v2/requests.json', `api_key=${apiKey}&service_code=property&address_id=${anqing.id}&description=${encodeURIComponent('另一个应用的诉求。')}`)).status).toBe(200);
  });

  it('answers GET requests with the standard filters, open and closed, the unit as agency and the deadline as expected time', async () => {
    await step(district, hotline, openId, { kind: 'dispatch', unit: { kind: 'community', id: anqing.communityId } });
    const all = await call(district, 'GET', '/open311/v2/requests.json');
    expect(all.status).toBe(200);
    const mine = all.json.find((r: { service_request_id: string }) => r.service_request_id === openId);
    expect(mine).toMatchObject({ status: 'open', service_code: 'property', service_name: '物业管理', address: anqing.name, agency_responsible: d.communities.find((c) => c.id === anqing.communityId)!.name });
    for (const f of ['requested_datetime', 'updated_datetime', 'expected_datetime']) expect(mine[f], f).toMatch(W3C);
    const closed = await call(district, 'GET', '/open311/v2/requests.json?status=closed');
    expect(closed.json.map((r: { service_request_id: string }) => r.service_request_id)).toEqual([closedId]);
    expect(closed.json[0]).toMatchObject({ status: 'closed', expected_datetime: null });
    const byId = await call(district, 'GET', `/open311/v2/requests.json?service_request_id=${openId},${closedId}&status=open`);
    expect(byId.json.map((r: { service_request_id: string }) => r.service_request_id).sort()).toEqual([openId, closedId].sort());
    const one = await call(district, 'GET', `/open311/v2/requests/${openId}.xml`);
    expect(one.text).toMatch(new RegExp(`^<\\?xml[^>]*>\\n<service_requests><request><service_request_id>${openId}</service_request_id><status>open</status>`));
    expect((await call(district, 'GET', '/open311/v2/requests/nope.json')).status).toBe(404);
    const old = await call(district, 'GET', '/open311/v2/requests.json?start_date=2020-01-01T00:00:00Z&end_date=2020-02-01T00:00:00Z');
    expect(old.json).toEqual([]);
    for (const bad of ['?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z', '?start_date=yesterday', '?status=pending']) {
      const res = await call(district, 'GET', `/open311/v2/requests.json${bad}`);
      expect(res.status, bad).toBe(400);
      expect(res.json[0].code).toBe(400);
    }
    expect((await call(district, 'GET', '/open311/v2/tokens/abc.json')).status).toBe(404);
    expect((await call(district, 'GET', '/open311/v2/requests.html')).status).toBe(404);
  });

  it('carries no personal data in any answer: not the caller\'s number, not the appeal\'s own words', async () => {
    const answers = await Promise.all(['/open311/v2/requests.json', '/open311/v2/requests.xml', `/open311/v2/requests/${openId}.json`, `/open311/v2/requests/${openId}.xml`].map((p) => call(district, 'GET', p)));
    for (const a of answers) {
      expect(a.text).not.toContain(PHONE);
      expect(a.text).not.toContain('张伟');
      expect(a.text).not.toContain('楼道灯不亮');
    }
  });
});
