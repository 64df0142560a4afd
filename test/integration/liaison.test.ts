// Leader liaison (包联): visits of a paired leader, matters escalated to it (顶格协调) linked to
// the community's appeal, their outcome, and the counts per leader and month.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, testDistrict } from '../support/district.ts';
import { pair } from '../support/evaluations.ts';
import { sendOrder, workOrder } from '../support/appeals.ts';
import type { LocalDistrict } from '../../infra/local/district.ts';
import { demoDistrict } from '../../infra/local/demo-district.ts';
import { beijingDay } from '../../shared/beijing.ts';

const d = demoDistrict();
const anqing = d.compounds.find((c) => c.name === '安庆路16号小区')!;
const A = d.communities.find((c) => c.id === anqing.communityId)!;
const B = d.communities.find((c) => c.id !== A.id)!;
let district: LocalDistrict;
let admin: string;
let community: string;
const today = beijingDay(Date.now());

beforeAll(async () => {
  district = await testDistrict({ seed: 'structure' });
  admin = await district.auth.issue('admin');
  for (const [id, name] of [['ld-1', '王志宏'], ['ld-2', '李春燕']]) expect((await call(district, 'PUT', `/api/pairings/leaders/${id}`, { token: admin, body: { name, title: '副区长' } })).status).toBe(200);
  await pair(district, admin, A.id, [], ['ld-1']);
  await pair(district, admin, B.id, [], ['ld-2']);
  community = await district.auth.sign(district.auth.claimsOf({ sub: 't-community', name: '测试', role: 'community_staff', scopeId: A.id }), Math.floor(Date.now() / 1000) + 3600);
});
afterAll(async () => district?.stop());

describe('leader liaison', () => {
  it('records a paired leader\'s visits, refusing another community\'s leader and a day to come', async () => {
    const path = `/api/liaison/${A.id}/visits`;
    const other = await call(district, 'POST', path, { token: community, body: { leaderId: 'ld-2', kind: 'policy', date: today, raised: '宣讲老旧小区改造政策' }, lang: 'zh-CN' });
    expect(other.status).toBe(400);
    expect(other.json.error.fields[0]).toEqual({ path: 'body.leaderId', reason: '不是包联该社区的领导' });
    expect((await call(district, 'POST', path, { token: community, body: { leaderId: 'ld-1', kind: 'policy', date: '2099-01-01', raised: '宣讲老旧小区改造政策' } })).status).toBe(400);
    // Years back would rewrite a past month's count: a visit is recorded in its month or the next.
    const longAgo = await call(district, 'POST', path, { token: community, body: { leaderId: 'ld-1', kind: 'policy', date: '1999-01-01', raised: '宣讲老旧小区改造政策' } });
    expect(longAgo.status).toBe(400);
    expect(longAgo.json.error.fields[0]).toMatchObject({ path: 'body.date', reason: expect.stringMatching(/^not before \d{4}-\d\d-01$/) });
    for (const kind of ['policy', 'petition']) expect((await call(district, 'POST', path, { token: community, body: { leaderId: 'ld-1', kind, date: today, raised: '居民反映停车难，联系电话13912345678' } })).status).toBe(201);
    const page = (await call(district, 'GET', `/api/liaison/${A.id}`, { token: community })).json;
    expect(page.visits).toHaveLength(2);
    expect(JSON.stringify(page)).not.toContain('13912345678');
    expect((await call(district, 'GET', `/api/liaison/${B.id}`, { token: community })).status).toBe(403);
  });

  it('escalates a matter from the community\'s own appeal only, and records the leader\'s decision', async () => {
    const own = (await sendOrder(district, workOrder({ address: anqing.address.replace('青岛市市南区', '') }))).json.caseId;
    const path = `/api/liaison/${A.id}/escalations`;
    const foreign = (await sendOrder(district, workOrder({ address: d.compounds.find((c) => c.communityId === B.id)!.address.replace('青岛市市南区', '') }))).json.caseId;
    const wrong = await call(district, 'POST', path, { token: community, body: { leaderId: 'ld-1', matter: '跨部门协调电梯维修资金', caseId: foreign } });
    expect(wrong.status).toBe(400);
    expect(wrong.json.error.fields[0].path).toBe('body.caseId');
    const made = await call(district, 'POST', path, { token: community, body: { leaderId: 'ld-1', matter: '跨部门协调电梯维修资金', caseId: own } });
    expect(made.status, made.text).toBe(201);
    const outcome = `/api/liaison/${A.id}/escalations/${made.json.id}/outcome`;
    expect((await call(district, 'POST', outcome, { token: community, body: { settled: true, outcome: '已协调住建局专项资金' } })).status).toBe(403);
    // Two outcomes recorded at once: one is kept, the other asked to reload (none silently lost).
    const both = await Promise.all(['已召开协调会', '已电话协调'].map((text) => call(district, 'POST', outcome, { token: admin, body: { settled: false, outcome: text } })));
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const first = both.find((r) => r.status === 200)!.json.outcome;
    // An outcome that does not settle it stays in the matter's history when the next comes.
    expect((await call(district, 'POST', outcome, { token: admin, body: { settled: false, outcome: '已约谈住建局，待资金落实' } })).status).toBe(200);
    const settled = await call(district, 'POST', outcome, { token: admin, body: { settled: true, outcome: '已协调住建局专项资金' } });
    expect(settled.status).toBe(200);
    expect(settled.json.history).toEqual([{ outcome: first, settled: false, at: expect.any(String) }, { outcome: '已约谈住建局，待资金落实', settled: false, at: expect.any(String) }]);
    expect(Object.keys(settled.json)).not.toContain('pk');
    expect((await call(district, 'POST', outcome, { token: admin, body: { settled: false, outcome: '重新打开' } })).status).toBe(409);
  });

  it('counts visits, escalations and settled matters per leader for the month, and who was not visited', async () => {
    const month = today.slice(0, 7);
    const s = (await call(district, 'GET', `/api/liaison?month=${month}`, { token: admin })).json;
    const l1 = s.leaders.find((l: { leaderId: string }) => l.leaderId === 'ld-1');
    expect(l1).toMatchObject({ visits: 2, byKind: { policy: 1, petition: 1, research: 0, office: 0 }, escalations: 1, settled: 1, paired: 1, notVisited: [] });
    expect(s.leaders.find((l: { leaderId: string }) => l.leaderId === 'ld-2')).toMatchObject({ visits: 0, notVisited: [B.id] });
    expect((await call(district, 'GET', '/api/liaison', { token: community })).status).toBe(403);
  });
});
