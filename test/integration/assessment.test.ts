// The quarterly assessment of communities by class, over HTTP against the local district: the
// automatic indicators against a recount from the stored records of appeals, ratings and
// committees; entries with evidence; cross review within a class; a frozen quarter that stays as
// it was when a record changes, and its correction; tasks tracked to done.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { call, testDistrict } from '../support/district.ts';
import { sendOrder, step, workOrder } from '../support/appeals.ts';
import { createCampaign, withRegister } from '../support/codes.ts';
import { answers, households } from '../support/ratings.ts';
import { pair } from '../support/evaluations.ts';
import type { LocalDistrict } from '../../infra/local/district.ts';
import { demoDistrict } from '../../infra/local/demo-district.ts';
import { keys } from '../../functions/lib/keys.ts';
import { permille, ratesOfCounts, NO_COUNTS, type Counts } from '../../shared/appeals/rates.ts';
import { previousQuarter, quarterBounds, quarterMonths, quarterOf } from '../../shared/assessment/quarter.ts';
import type { StaffRole } from '../../shared/access.ts';
import { beijingYear } from '../../shared/beijing.ts';

const d = demoDistrict();
const Q = previousQuarter(quarterOf(Date.now()));
const year = Q.slice(0, 4);
const anqing = d.compounds.find((c) => c.name === '安庆路16号小区')!;
const A = d.communities.find((c) => c.id === anqing.communityId)!;
// Another community of A's class, and one of another class.
const B = d.communities.find((c) => c.class === A.class && c.id !== A.id)!;
const C = d.communities.find((c) => c.class !== A.class)!;
const inQ = (day: number) => new Date(Date.parse(`${quarterMonths(Q)[1]}-${String(day).padStart(2, '0')}T10:00:00+08:00`)).toISOString();

let district: LocalDistrict;
let admin: string;
let hotline: string;
const tokenOf = (role: StaffRole, scopeId: string) => district.auth.sign(district.auth.claimsOf({ sub: `t-${role}-${scopeId}`, name: '测试', role, scopeId }), Math.floor(Date.now() / 1000) + 3600);

/** The 三率 of a community's cases in Q, recounted from the case records themselves (not the month index the assessment reads). */
async function recountAppeals(communityId: string, now: number) {
  let k: Counts = { ...NO_COUNTS };
  for (const month of quarterMonths(Q)) {
    const { Items = [] } = await district.doc.send(new QueryCommand({ TableName: district.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.caseMonthPk(month) }, ConsistentRead: true }));
    for (const entry of Items) {
      const { Item: c } = await district.doc.send(new GetCommand({ TableName: district.tableName, Key: keys.appealCase(String(entry.caseId)), ConsistentRead: true }));
      if (!c || c.unit?.kind !== 'community' || c.unit.id !== communityId || ['invalid', 'merged'].includes(c.view.state)) continue;
      k = {
        ...k,
        valid: k.valid + 1,
        responded: k.responded + (c.view.contactedAt && c.view.contactedAt <= c.contactDue ? 1 : 0),
        responseBase: k.responseBase + (c.view.contactedAt || now > Date.parse(c.contactDue) ? 1 : 0),
        onTime: k.onTime + (c.view.repliedAt && c.view.repliedAt <= c.view.replyDue.due ? 1 : 0),
        onTimeBase: k.onTimeBase + (c.view.repliedAt || now > Date.parse(c.view.replyDue.due) ? 1 : 0),
        followedUp: k.followedUp + (c.view.followUp ? 1 : 0),
        solved: k.solved + (c.view.followUp?.solved ? 1 : 0),
        satisfied: k.satisfied + (c.view.followUp?.satisfaction === 'satisfied' ? 1 : 0),
        basic: k.basic + (c.view.followUp?.satisfaction === 'basic' ? 1 : 0),
      };
    }
  }
  return ratesOfCounts(k);
}

const rowOf = (results: { communityId: string }[], id: string) => results.find((r) => r.communityId === id) as unknown as { class: string; rank: number | null; classSize: number; totalHundredths: number | null; indicators: { code: string; value: number | null; target: number; points: number | null }[]; crossReview: { reviewers: number; meanHundredths: number | null } };
const valueOf = (results: { communityId: string }[], id: string, code: string) => rowOf(results, id).indicators.find((i) => i.code === code)!.value;

let ratedHouseholds = 0;
let ratedSatisfied = 0;
beforeAll(async () => {
  district = await testDistrict({ seed: 'structure' });
  admin = await district.auth.issue('admin');
  hotline = await district.auth.issue('hotline');
  const community = await tokenOf('community_staff', A.id);
  // Six cases in Q at A's compound, handled by A in different ways; one case in the quarter after.
  const ids: string[] = [];
  for (let i = 0; i < 6; i++) ids.push((await sendOrder(district, workOrder({ address: anqing.address.replace('青岛市市南区', ''), receivedAt: inQ(3 + i) }))).json.caseId);
  for (const [i, id] of ids.entries()) {
    expect((await step(district, hotline, id, { kind: 'dispatch', unit: { kind: 'community', id: A.id } })).status).toBe(200);
    expect((await step(district, community, id, { kind: 'accept' })).status).toBe(200);
    if (i % 2 === 0) expect((await step(district, community, id, { kind: 'contact' })).status).toBe(200);
    if (i < 4) expect((await step(district, community, id, { kind: 'reply', reply: '已处理完毕，已回复来电人。' })).status).toBe(200);
  }
  expect((await step(district, hotline, ids[0]!, { kind: 'follow_up', solved: true, satisfaction: 'satisfied' })).status).toBe(200);
  expect((await step(district, hotline, ids[1]!, { kind: 'follow_up', solved: false, satisfaction: 'basic' })).status).toBe(200);
  expect((await step(district, hotline, ids[2]!, { kind: 'follow_up', solved: true, satisfaction: 'dissatisfied' })).status).toBe(200);
  // Ratings: a campaign over A's compound, four of six households rate, published; it closed in Q.
  await withRegister(district, admin, anqing, 6);
  await createCampaign(district, admin, 'as-rating', [anqing.id]);
  const homes = await households(district, admin, anqing.id, 'as-rating');
  for (const [i, h] of homes.slice(0, 4).entries()) {
    const body = answers(anqing.contract!.serviceItems, i);
    expect((await call(district, 'PUT', '/api/resident/rating', { token: h.token, body })).status).toBe(201);
    if (body.overall !== 'unsatisfied') ratedSatisfied++;
  }
  ratedHouseholds = 6;
  expect((await call(district, 'POST', '/api/ratings/campaigns/as-rating/close', { token: admin })).status).toBe(200);
  expect((await call(district, 'POST', `/api/ratings/campaigns/as-rating/compounds/${anqing.id}/notices`, { token: admin, body: {} })).status).toBe(201);
  // The campaign as it ran: closed in the middle of Q (the stored record, as a campaign of Q would hold).
  await district.doc.send(new UpdateCommand({ TableName: district.tableName, Key: keys.campaign('as-rating'), UpdateExpression: 'SET closesAt = :c', ExpressionAttributeValues: { ':c': inQ(20) } }));
  // Committees: one of A's compounds formed one in Q; another forms one after Q (it must not count).
  const aCompounds = d.compounds.filter((c) => c.communityId === A.id);
  await district.doc.send(new PutCommand({ TableName: district.tableName, Item: { ...keys.committeeIndex(aCompounds[0]!.id), et: 'committee-index', compoundId: aCompounds[0]!.id, formedAt: inQ(10), members: 5, termEnd: '2031-01-01' } }));
  await district.doc.send(new PutCommand({ TableName: district.tableName, Item: { ...keys.committeeIndex(aCompounds[1]!.id), et: 'committee-index', compoundId: aCompounds[1]!.id, formedAt: new Date().toISOString(), members: 5, termEnd: '2031-01-01' } }));
  await pair(district, admin, A.id, ['dep-zhujian']);
}, 180_000);
afterAll(async () => district?.stop());

describe('a quarter\'s automatic indicators', () => {
  it('equal a recount from the stored records of appeals, ratings and committees', async () => {
    const res = await call(district, 'GET', `/api/assessment/quarters/${Q}`, { token: admin });
    expect(res.status, res.text).toBe(200);
    const results = res.json.preview.results;
    const want = await recountAppeals(A.id, Date.now());
    expect(valueOf(results, A.id, 'response')).toBe(want.responsePermille);
    expect(valueOf(results, A.id, 'resolution')).toBe(want.resolutionPermille);
    expect(valueOf(results, A.id, 'appealsat')).toBe(want.satisfactionPermille);
    expect(want.resolutionPermille).toBe(667);
    expect(valueOf(results, A.id, 'ratingjoin')).toBe(permille(4, ratedHouseholds));
    expect(valueOf(results, A.id, 'ratingsat')).toBe(permille(ratedSatisfied, 4));
    const compounds = d.compounds.filter((c) => c.communityId === A.id).length;
    expect(valueOf(results, A.id, 'committees')).toBe(permille(1, compounds));
    // B had no case and no rating in Q: no value, not zero.
    expect(valueOf(results, B.id, 'response')).toBeNull();
    expect(valueOf(results, B.id, 'ratingjoin')).toBeNull();
    expect(res.json.preview.inputs).toMatchObject({ cases: 6, campaigns: ['as-rating'], notices: 1 });
  });
});

describe('entries and cross review', () => {
  it('take entries with evidence for the manual indicators only', async () => {
    const path = `/api/assessment/quarters/${Q}/entries/${A.id}`;
    const auto = await call(district, 'PUT', path, { token: admin, body: { rev: 0, values: { response: { value: 1000, evidence: '手填' } } }, lang: 'zh-CN' });
    expect(auto.status).toBe(400);
    expect(auto.json.error.fields[0]).toEqual({ path: 'body.values.response', reason: '这项指标不用填报（数值取自系统记录）' });
    const tooMuch = await call(district, 'PUT', path, { token: admin, body: { rev: 0, values: { partycover: { value: 1200, evidence: '台账' } } } });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.json.error.fields[0].path).toBe('body.values.partycover.value');
    const noEvidence = await call(district, 'PUT', path, { token: admin, body: { rev: 0, values: { partycover: { value: 700 } } } });
    expect(noEvidence.status).toBe(400);
    const ok = await call(district, 'PUT', path, { token: admin, body: { rev: 0, values: { partycover: { value: 800, evidence: '小区党支部台账（8/10）' } } } });
    expect(ok.status, ok.text).toBe(200);
    expect((await call(district, 'PUT', path, { token: admin, body: { rev: 0, values: { partycover: { value: 900, evidence: '小区党支部台账' } } } })).status).toBe(409);
    expect((await call(district, 'PUT', path, { token: await tokenOf('community_staff', A.id), body: { rev: 1, values: {} } })).status).toBe(403);
    // An entry typed for the wrong community is cleared (null), not left to count.
    const pathB = `/api/assessment/quarters/${Q}/entries/${B.id}`;
    expect((await call(district, 'PUT', pathB, { token: admin, body: { rev: 0, values: { partycover: { value: 300, evidence: '误填到本社区' } } } })).status).toBe(200);
    const cleared = await call(district, 'PUT', pathB, { token: admin, body: { rev: 1, values: { partycover: null } } });
    expect(cleared.status, cleared.text).toBe(200);
    expect(cleared.json.values).toEqual({});
    // Tried: clearing it again (nothing to change: 409, no new revision); a code the district has not.
    const again = await call(district, 'PUT', pathB, { token: admin, body: { rev: 2, values: { partycover: null } } });
    expect([again.status, again.json.error.code]).toEqual([409, 'unchanged']);
    const unknown = await call(district, 'PUT', pathB, { token: admin, body: { rev: 2, values: { nosuchcode: null } }, lang: 'zh-CN' });
    expect(unknown.json.error.fields).toEqual([{ path: 'body.values.nosuchcode', reason: '不是本区的考核指标' }]);
    const trail = (await call(district, 'GET', `/api/audit?target=community:${B.id}`, { token: admin })).json.entries;
    expect(trail.some((e: { action: string; after: string }) => e.action === 'assessment-entry.put' && e.after.includes('"cleared":["partycover"]'))).toBe(true);
    const review = (await call(district, 'GET', `/api/assessment/quarters/${Q}`, { token: admin })).json;
    expect(review.preview.results.find((r: { communityId: string }) => r.communityId === B.id).indicators.find((i: { code: string }) => i.code === 'partycover').value).toBeNull();
    expect(review.entries.find((e: { communityId: string }) => e.communityId === A.id).values.partycover.value).toBe(800);
  });

  it('lets a community score the others of its class once, never itself or another class', async () => {
    const path = `/api/assessment/quarters/${Q}/review`;
    const a = await tokenOf('community_staff', A.id);
    // Only at the exchange: the quarter under way or the one just ended, never years back or ahead.
    for (const far of ['2030-Q1', '2020-Q1']) {
      const res = await call(district, 'POST', `/api/assessment/quarters/${far}/review`, { token: a, body: { scores: { [B.id]: 80 } } });
      expect(res.status, far).toBe(409);
      expect(res.json.error.code).toBe('review_closed');
    }
    const form = (await call(district, 'GET', path, { token: a })).json;
    expect(form.class).toBe(A.class);
    expect(form.communities.map((c: { id: string }) => c.id)).toContain(B.id);
    expect(form.communities.map((c: { id: string }) => c.id)).not.toContain(A.id);
    const self = await call(district, 'POST', path, { token: a, body: { scores: { [A.id]: 100, [B.id]: 80 } }, lang: 'zh-CN' });
    expect(self.status).toBe(400);
    expect(self.json.error.fields).toEqual([{ path: `body.scores.${A.id}`, reason: '不能给本社区打分' }]);
    const other = await call(district, 'POST', path, { token: a, body: { scores: { [C.id]: 90 } } });
    expect(other.status).toBe(400);
    expect(other.json.error.fields[0].path).toBe(`body.scores.${C.id}`);
    expect((await call(district, 'POST', path, { token: a, body: { scores: { [B.id]: 80 } } })).status).toBe(201);
    expect((await call(district, 'POST', path, { token: a, body: { scores: { [B.id]: 90 } } })).status).toBe(409);
    // Four more of the class score A; one outlier (0) is trimmed away.
    const peers = d.communities.filter((c) => c.class === A.class && c.id !== A.id).slice(0, 4);
    for (const [i, p] of peers.entries()) expect((await call(district, 'POST', path, { token: await tokenOf('community_staff', p.id), body: { scores: { [A.id]: [90, 0, 85, 95][i]! } } })).status).toBe(201);
    const results = (await call(district, 'GET', `/api/assessment/quarters/${Q}`, { token: admin })).json.preview.results;
    expect(rowOf(results, A.id).crossReview).toMatchObject({ reviewers: 4, meanHundredths: 8750 });
  });
});

describe('freezing a quarter', () => {
  it('waits for the quarter to end, ranks within each class only, and keeps its inputs\' counts', async () => {
    const empty = await call(district, 'POST', '/api/assessment/quarters/2019-Q1/results', { token: admin, body: {} });
    expect(empty.status).toBe(409);
    expect(empty.json.error.code).toBe('empty_quarter');
    const early = await call(district, 'POST', `/api/assessment/quarters/${quarterOf(Date.now())}/results`, { token: admin, body: {}, lang: 'zh-CN' });
    expect(early.status).toBe(409);
    expect(early.json.error.message).toMatch(/^季度结束（.+）后才能固定考核结果$/);
    const res = await call(district, 'POST', `/api/assessment/quarters/${Q}/results`, { token: admin, body: {} });
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({ quarter: Q, version: 1, inputs: { cases: 6, entries: 1, reviews: 5 } });
    const classes = new Set(d.communities.map((c) => c.class));
    for (const cls of classes) {
      const rows = res.json.results.filter((r: { class: string }) => r.class === cls);
      expect(rows.length).toBe(d.communities.filter((c) => c.class === cls).length);
      for (const r of rows) expect(r.classSize).toBe(rows.length);
    }
    expect(rowOf(res.json.results, A.id).rank).toBe(1);
  });

  it('stays as it was when an underlying record changes; a correction shows the difference', async () => {
    const before = (await call(district, 'GET', `/api/assessment/quarters/${Q}/results`, { token: admin })).json.result;
    const cases = (await district.doc.send(new QueryCommand({ TableName: district.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.caseMonthPk(quarterMonths(Q)[1]!) }, ConsistentRead: true }))).Items!;
    const pending = cases.find((c) => c.state === 'replied')!;
    expect((await step(district, hotline, String(pending.caseId), { kind: 'follow_up', solved: true, satisfaction: 'satisfied' })).status).toBe(200);
    const noReason = await call(district, 'PUT', `/api/assessment/quarters/${Q}/entries/${A.id}`, { token: admin, body: { rev: 1, values: { partycover: { value: 900, evidence: '补录新成立的小区党支部' } } } });
    expect(noReason.status).toBe(400);
    expect(noReason.json.error.fields[0].path).toBe('body.correctionReason');
    expect((await call(district, 'PUT', `/api/assessment/quarters/${Q}/entries/${A.id}`, { token: admin, body: { rev: 1, values: { partycover: { value: 900, evidence: '补录新成立的小区党支部' } }, correctionReason: '漏报新成立的小区党支部' } })).status).toBe(200);
    const after = (await call(district, 'GET', `/api/assessment/quarters/${Q}/results`, { token: admin })).json.result;
    expect(after).toEqual(before);
    const v2 = await call(district, 'POST', `/api/assessment/quarters/${Q}/results`, { token: admin, body: { reason: '补录回访结果和小区党支部' } });
    expect(v2.status, v2.text).toBe(201);
    expect(v2.json.version).toBe(2);
    expect(v2.json.changes).toContainEqual({ communityId: A.id, what: 'value.partycover', before: 800, after: 900 });
    expect(v2.json.changes.some((c: { what: string }) => c.what === 'value.resolution')).toBe(true);
    const v1 = (await call(district, 'GET', `/api/assessment/quarters/${Q}/results?version=1`, { token: admin })).json;
    expect(v1.result).toEqual(before);
    expect(v1.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect((await call(district, 'POST', `/api/assessment/quarters/${Q}/review`, { token: await tokenOf('community_staff', C.id), body: { scores: {} } })).status).toBe(409);
  });

  it('shows a community its own class only, and prints a class as CSV', async () => {
    const mine = (await call(district, 'GET', `/api/assessment/quarters/${Q}/results`, { token: await tokenOf('community_staff', A.id) })).json;
    expect(new Set(mine.result.results.map((r: { class: string }) => r.class))).toEqual(new Set([A.class]));
    const csv = await call(district, 'GET', `/api/assessment/quarters/${Q}/results?format=csv&class=${encodeURIComponent(C.class)}`, { token: admin });
    expect(csv.text.split('\r\n')[0]).toContain('总分');
    expect(csv.text).toContain(C.name);
    expect(csv.text).not.toContain(A.name);
  });

  it('moving a community to another class changes that class and its own, with the reason audited', async () => {
    const rows = (await call(district, 'GET', `/api/assessment/classes?year=${year}`, { token: admin })).json.communities;
    const row = rows.find((r: { communityId: string }) => r.communityId === B.id);
    const to = [...new Set(d.communities.map((c) => c.class))].find((c) => c !== B.class)!;
    expect((await call(district, 'PUT', `/api/assessment/classes/${year}/${B.id}`, { token: admin, body: { class: '超级', reason: '画像结果调整', rev: row.rev } })).status).toBe(400);
    expect((await call(district, 'PUT', `/api/assessment/classes/${year}/${B.id}`, { token: admin, body: { class: to, reason: '精准画像复核后调整', rev: row.rev } })).status).toBe(200);
    const preview = (await call(district, 'GET', `/api/assessment/quarters/${Q}`, { token: admin })).json.preview.results;
    expect(rowOf(preview, B.id).class).toBe(to);
    // The frozen quarter keeps the classes it was frozen with: a correction now finds nothing changed.
    const again = await call(district, 'POST', `/api/assessment/quarters/${Q}/results`, { token: admin, body: { reason: '分类调整后重新计算' } });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('unchanged');
    expect(rowOf((await call(district, 'GET', `/api/assessment/quarters/${Q}/results`, { token: admin })).json.result.results, B.id).class).toBe(B.class);
    const audit = await call(district, 'GET', `/api/audit?target=community:${B.id}`, { token: admin });
    expect(audit.json.entries.some((e: { action: string; after: string }) => e.action === 'community-class.change' && e.after.includes('精准画像复核后调整'))).toBe(true);
    // The pairings editor shows this year's class, as the assessment compares them, not the registry's.
    const thisYear = beijingYear(new Date().toISOString());
    const current = (await call(district, 'GET', `/api/assessment/classes?year=${thisYear}`, { token: admin })).json.communities.find((r: { communityId: string }) => r.communityId === B.id).class;
    const paired = (await call(district, 'GET', '/api/pairings', { token: admin })).json.communities.find((c: { id: string }) => c.id === B.id).class;
    expect(paired).toBe(current);
    if (thisYear === year) expect(paired).toBe(to);
  });
});

describe('tasks from the problems found', () => {
  it('are given to a paired department, which marks its own done; another department may not', async () => {
    const res = await call(district, 'POST', '/api/assessment/tasks', { token: admin, body: { quarter: Q, communityId: A.id, indicator: 'resolution', text: '诉求解决率未达目标，请协助解决加装电梯遗留问题。', assignee: { kind: 'department', id: 'dep-zhujian' }, dueOn: quarterBounds(quarterOf(Date.now())).end.slice(0, 10) } });
    expect(res.status, res.text).toBe(201);
    const bad = await call(district, 'POST', '/api/assessment/tasks', { token: admin, body: { quarter: Q, communityId: A.id, text: '请街道督促', assignee: { kind: 'street', id: C.streetId === A.streetId ? 's99' : C.streetId }, dueOn: '2027-01-31' } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields[0].path).toBe('body.assignee.id');
    const unpaired = await call(district, 'POST', '/api/assessment/tasks', { token: admin, body: { quarter: Q, communityId: A.id, text: '请协助整改。', assignee: { kind: 'department', id: 'dep-chengguan' }, dueOn: '2099-01-31' }, lang: 'zh-CN' });
    expect(unpaired.status).toBe(400);
    expect(unpaired.json.error.fields[0]).toEqual({ path: 'body.assignee.id', reason: '不是与该社区结对的部门' });
    const past = await call(district, 'POST', '/api/assessment/tasks', { token: admin, body: { quarter: '2099-Q1', communityId: A.id, indicator: 'nosuch', text: '请协助整改。', assignee: { kind: 'department', id: 'dep-zhujian' }, dueOn: '2001-01-01' } });
    expect(past.json.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['body.dueOn', 'body.indicator', 'body.quarter']);
    const other = await tokenOf('department', 'dep-chengguan');
    expect((await call(district, 'POST', `/api/assessment/tasks/${res.json.id}/state`, { token: other, body: { state: 'done', note: '已完成' } })).status).toBe(403);
    expect((await call(district, 'GET', '/api/assessment/tasks', { token: other })).json.tasks).toEqual([]);
    const mine = await tokenOf('department', 'dep-zhujian');
    expect((await call(district, 'GET', '/api/assessment/tasks', { token: mine })).json.tasks.map((t: { id: string }) => t.id)).toEqual([res.json.id]);
    const done = await call(district, 'POST', `/api/assessment/tasks/${res.json.id}/state`, { token: mine, body: { state: 'done', note: '已协调电梯公司完成维修' } });
    expect(done.status).toBe(200);
    expect(done.json).toMatchObject({ state: 'done', history: [{ state: 'done', note: '已协调电梯公司完成维修' }] });
    expect((await call(district, 'POST', `/api/assessment/tasks/${res.json.id}/state`, { token: mine, body: { state: 'done', note: '再次' } })).status).toBe(409);
  });

  it('show on the community\'s page with its class, its quarters against target and its departments', async () => {
    const page = await call(district, 'GET', `/api/assessment/communities/${A.id}`, { token: await tokenOf('community_staff', A.id) });
    expect(page.status).toBe(200);
    expect(page.json.quarters.map((q: { quarter: string }) => q.quarter)).toEqual([Q]);
    expect(page.json.quarters[0].version).toBe(2);
    expect(page.json.departments).toEqual([{ id: 'dep-zhujian', name: '市南区住房和城乡建设局' }]);
    expect((await call(district, 'GET', `/api/assessment/communities/${C.id}`, { token: await tokenOf('community_staff', A.id) })).status).toBe(403);
  });
});
