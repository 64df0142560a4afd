// The half-yearly evaluation of departments by communities, over HTTP against the local
// district (DynamoDB Local, the SQS emulator, the relay): from pairing to a published ranking
// and its corrections, with the department reading its own result.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, eventually, testDistrict } from '../support/district.ts';
import { department, FULL_SCORES, openRound, pair, rate } from '../support/evaluations.ts';
import { throughShortQueue } from '../support/queues.ts';
import type { LocalDistrict } from '../../infra/local/district.ts';
import { demoDistrict } from '../../infra/local/demo-district.ts';
import { lambdaContext } from '../../infra/local/lambda-context.ts';
import { queues } from '../../functions/manifest.ts';
import { DEFAULT_CRITERIA } from '../../shared/evaluations/criteria.ts';
import { departmentResults, sumEvaluations } from '../../shared/evaluations/results.ts';

const d = demoDistrict();
const comms = d.communities.slice(0, 6);
let district: LocalDistrict;
let admin: string;
const staff = new Map<string, string>();
const tokenOf = async (role: 'community_staff' | 'department', scopeId: string, name = '王小明') =>
  district.auth.sign(district.auth.claimsOf({ sub: `t-${role}-${scopeId}`, name, role, scopeId }), Math.floor(Date.now() / 1000) + 3600);

beforeAll(async () => {
  district = await testDistrict({ seed: 'structure' });
  admin = await district.auth.issue('admin');
  for (const [id, name] of [['ev-a', '评价测试甲局'], ['ev-b', '评价测试乙局'], ['ev-c', '评价测试丙局']]) await department(district, admin, id!, name!);
  // Five communities rate ev-a and ev-b; the sixth is paired with ev-c only.
  for (const c of comms.slice(0, 5)) await pair(district, admin, c.id, ['ev-a', 'ev-b']);
  await pair(district, admin, comms[5]!.id, ['ev-c']);
  for (const c of comms) staff.set(c.id, await tokenOf('community_staff', c.id));
});
afterAll(async () => district?.stop());

/** The concurrent winner's score (read back from its retry), for the recount at the end. */
let winnerScore = 0;
/** Every evaluation this file stored in the round, as the last correction should count them. */
function storedFacts() {
  const f = (c: number, dep: string, score: number, excluded = false) => ({ communityId: comms[c]!.id, departmentId: dep, scores: FULL_SCORES(score), excluded });
  return [f(0, 'ev-a', winnerScore), f(1, 'ev-a', 2), f(2, 'ev-a', 5, true), f(3, 'ev-a', 4), f(4, 'ev-a', 5), f(1, 'ev-b', 3), f(2, 'ev-b', 3), f(3, 'ev-b', 3, true), f(4, 'ev-b', 3)];
}
const liveOf = async (roundId: string) => (await call(district, 'GET', `/api/evaluations/rounds/${roundId}`, { token: admin })).json;
const pairingOf = async (communityId: string) => (await call(district, 'GET', '/api/pairings', { token: admin })).json.pairings.find((p: { communityId: string }) => p.communityId === communityId);

describe('pairings', () => {
  it('refuse a department or leader that does not exist, naming the field, and keep what was stored', async () => {
    const before = await pairingOf(comms[0]!.id);
    const res = await call(district, 'PUT', `/api/pairings/communities/${comms[0]!.id}`, { token: admin, body: { rev: before.rev, departmentIds: ['ev-a', 'ev-nope'], leaderIds: ['nobody'] }, lang: 'zh-CN' });
    expect(res.status).toBe(400);
    expect(res.json.error.fields).toEqual([{ path: 'body.departmentIds.1', reason: '没有这个部门' }, { path: 'body.leaderIds.0', reason: '没有这位领导' }]);
    expect(await pairingOf(comms[0]!.id)).toEqual(before);
  });

  it('refuse a save over a revision someone else already replaced, and audit each save with what it was before', async () => {
    expect((await call(district, 'PUT', '/api/pairings/leaders/ev-leader', { token: admin, body: { name: '张建国', title: '区委常委' } })).status).toBe(200);
    const c = comms[1]!;
    const { rev } = await pairingOf(c.id);
    expect((await call(district, 'PUT', `/api/pairings/communities/${c.id}`, { token: admin, body: { rev, departmentIds: ['ev-b', 'ev-a', 'ev-a'], leaderIds: ['ev-leader'] } })).status).toBe(200);
    const stale = await call(district, 'PUT', `/api/pairings/communities/${c.id}`, { token: admin, body: { rev, departmentIds: ['ev-a'], leaderIds: [] } });
    expect(stale.status).toBe(409);
    expect(await pairingOf(c.id)).toMatchObject({ rev: rev + 1, departmentIds: ['ev-a', 'ev-b'], leaderIds: ['ev-leader'] });
    const audit = await call(district, 'GET', `/api/audit?target=community:${c.id}`, { token: admin });
    const last = audit.json.entries.find((e: { action: string }) => e.action === 'pairing.update');
    expect(JSON.parse(last.after)).toEqual({ departmentIds: ['ev-a', 'ev-b'], leaderIds: ['ev-leader'] });
    expect(JSON.parse(last.before)).toEqual({ departmentIds: ['ev-a', 'ev-b'], leaderIds: [] });
  });

  it('are changed by the district only, and only for a community that exists', async () => {
    expect((await call(district, 'PUT', `/api/pairings/communities/${comms[0]!.id}`, { token: staff.get(comms[0]!.id), body: { rev: 1, departmentIds: [], leaderIds: [] } })).status).toBe(403);
    expect((await call(district, 'PUT', '/api/pairings/communities/c999', { token: admin, body: { rev: 0, departmentIds: [], leaderIds: [] } })).status).toBe(404);
  });
});

describe('an evaluation round', () => {
  const ROUND = 'ev-round';
  beforeAll(async () => {
    await openRound(district, admin, ROUND, { period: '2014-H1' });
  });

  it('takes one evaluation per pair under 50 concurrent submissions; the same submission sent again gets the stored one', async () => {
    const token = staff.get(comms[0]!.id)!;
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => rate(district, token, ROUND, 'ev-a', { scores: FULL_SCORES(1 + (i % 5)), key: `concurrent-key-${String(i).padStart(4, '0')}` })));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    const won = results.findIndex((r) => r.status === 201);
    const again = await rate(district, token, ROUND, 'ev-a', { scores: FULL_SCORES(5), key: `concurrent-key-${String(won).padStart(4, '0')}` });
    expect(again.status).toBe(200);
    expect(again.json.scores).toEqual(FULL_SCORES(1 + (won % 5)));
    winnerScore = 1 + (won % 5);
    expect(results.find((r) => r.status === 409)!.json.error.code).toBe('already_evaluated');
  });

  it('refuses a department the community is not paired with, missing or unasked scores, and a second round for the half-year', async () => {
    const token = staff.get(comms[0]!.id)!;
    expect((await rate(district, token, ROUND, 'ev-c')).status).toBe(403);
    const missing = await rate(district, token, ROUND, 'ev-b', { scores: { responsiveness: 3, projects: 3, overall: 3, speed: 5 } });
    expect(missing.status).toBe(400);
    expect(missing.json.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['body.scores.presence', 'body.scores.speed']);
    const outOfRange = await rate(district, token, ROUND, 'ev-b', { scores: { ...FULL_SCORES(), overall: 6 } });
    expect(outOfRange.status).toBe(400);
    expect(outOfRange.json.error.fields[0].path).toBe('body.scores.overall');
    // Nothing of the refused ones was stored: ev-b is still to do.
    const form = (await call(district, 'GET', '/api/evaluations/form', { token })).json;
    const mine = form.rounds.find((r: { round: { id: string } }) => r.round.id === ROUND);
    expect(mine.departments.map((x: { id: string; evaluation: unknown }) => [x.id, x.evaluation !== null])).toEqual([['ev-a', true], ['ev-b', false]]);
    const twice = await call(district, 'PUT', '/api/evaluations/rounds/ev-round-2', { token: admin, body: { title: '同一半年度的第二轮', period: '2014-H1', opensAt: new Date().toISOString(), closesAt: new Date(Date.now() + 3_600_000).toISOString() } });
    expect(twice.status).toBe(409);
    expect(twice.json.error.code).toBe('duplicate_period');
    // Three set up at once for one half-year: one is stored.
    const race = await Promise.all(['ev-race-a', 'ev-race-b', 'ev-race-c'].map((id) => call(district, 'PUT', `/api/evaluations/rounds/${id}`, { token: admin, body: { title: '并发开启的评价轮次', period: '2013-H2', opensAt: new Date().toISOString(), closesAt: new Date(Date.now() + 3_600_000).toISOString() } })));
    expect(race.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    // A half-year is rated once it has begun.
    const early = await call(district, 'PUT', '/api/evaluations/rounds/ev-future', { token: admin, body: { title: '尚未开始的半年度', period: '2099-H1', opensAt: new Date().toISOString(), closesAt: new Date(Date.now() + 3_600_000).toISOString() }, lang: 'zh-CN' });
    expect(early.status).toBe(400);
    expect(early.json.error.fields).toEqual([{ path: 'body.opensAt', reason: '不能早于所评价的半年度开始' }]);
  });

  it('keeps the pairs it opened with: a pairing changed during the round changes the next one', async () => {
    const c = comms[2]!;
    await pair(district, admin, c.id, ['ev-c']);
    expect((await rate(district, staff.get(c.id)!, ROUND, 'ev-c')).status).toBe(403);
    expect((await rate(district, staff.get(c.id)!, ROUND, 'ev-a', { scores: FULL_SCORES(5), comment: '住建局帮助加装电梯，联系电话13912345678' })).status).toBe(201);
    await pair(district, admin, c.id, ['ev-a', 'ev-b']);
  });

  it('keeps live figures from the queue equal to what the stored evaluations give', async () => {
    for (const [i, c] of comms.slice(1, 5).entries()) {
      // The third community rated ev-a above.
      if (i !== 1) expect((await rate(district, staff.get(c.id)!, ROUND, 'ev-a', { scores: FULL_SCORES(2 + i), comment: i === 0 ? '响应及时' : '' })).status).toBe(201);
      expect((await rate(district, staff.get(c.id)!, ROUND, 'ev-b', { scores: FULL_SCORES(3) })).status).toBe(201);
    }
    const view = await eventually(async () => {
      const v = await liveOf(ROUND);
      return JSON.stringify(v.live) === JSON.stringify(v.fromRecords.results) ? v : null;
    });
    expect(view.fromRecords.inputs).toMatchObject({ pairs: 11, submitted: 9, counted: 9 });
    expect(view.live.find((r: { departmentId: string }) => r.departmentId === 'ev-c')).toMatchObject({ raters: 0, rank: null });
    expect(view.communities.find((c: { id: string }) => c.id === comms[0]!.id).departments.map((x: { submittedAt: string | null }) => x.submittedAt !== null)).toEqual([true, false]);
  });

  it('is unchanged by events delivered twice and out of order', async () => {
    const { handler } = await import('../../functions/evaluations/on-evaluation-event.ts');
    const before = (await liveOf(ROUND)).live;
    const records = comms.slice(0, 5).flatMap((c) => ['ev-a', 'ev-b'].map((dep) => ({ communityId: c.id, departmentId: dep })));
    const events = records.map((r, i) => ({ messageId: `m${i}`, receiptHandle: `r${i}`, body: JSON.stringify({ type: i % 2 ? 'evaluation.reinstated' : 'evaluation.submitted', v: 1, eventId: `e${i}`, roundId: ROUND, ...r }), attributes: {}, messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn', awsRegion: 'us-east-1' }));
    for (const batch of [events, [...events].reverse(), [...events, ...events.map((e) => ({ ...e, messageId: `${e.messageId}-dup` }))]]) {
      const out = await handler({ Records: batch } as never, lambdaContext('evaluations', 30));
      expect(out.batchItemFailures).toEqual([]);
      expect((await liveOf(ROUND)).live).toEqual(before);
    }
  });

  it('sends a poison event to the DLQ while the rest of its batch lands', async () => {
    const { handler } = await import('../../functions/evaluations/on-evaluation-event.ts');
    const good = JSON.stringify({ type: 'evaluation.submitted', v: 1, eventId: 'p-good', roundId: ROUND, communityId: comms[0]!.id, departmentId: 'ev-a' });
    const bad = [JSON.stringify({ type: 'evaluation.submitted', v: 1, eventId: 'p-bad', roundId: ROUND }), 'not json'];
    expect(await throughShortQueue(district, queues.evaluationEvents, 'evaluation-poison', handler, [bad[0]!, good, bad[1]!], 2)).toEqual([...bad].sort());
    const v = await liveOf(ROUND);
    expect(v.live).toEqual(v.fromRecords.results);
  });

  it('publishes only once closed, from the stored evaluations, ranked with ties sharing a rank', async () => {
    const early = await call(district, 'POST', `/api/evaluations/rounds/${ROUND}/publications`, { token: admin, body: {}, lang: 'zh-CN' });
    expect(early.status).toBe(409);
    expect(early.json.error.message).toMatch(/^本轮评价截止（.+）后才能发布排名$/);
    expect((await call(district, 'POST', `/api/evaluations/rounds/${ROUND}/close`, { token: admin })).status).toBe(200);
    const late = await rate(district, staff.get(comms[0]!.id)!, ROUND, 'ev-b');
    expect(late.status).toBe(409);
    expect(late.json.error.code).toBe('round_closed');
    const res = await call(district, 'POST', `/api/evaluations/rounds/${ROUND}/publications`, { token: admin, body: {} });
    expect(res.status).toBe(201);
    expect(res.json.version).toBe(1);
    expect(res.json.results).toEqual((await liveOf(ROUND)).fromRecords.results);
    const a = res.json.results.find((r: { departmentId: string }) => r.departmentId === 'ev-a');
    const b = res.json.results.find((r: { departmentId: string }) => r.departmentId === 'ev-b');
    expect(b).toMatchObject({ raters: 4, scoreHundredths: 300 });
    expect(a).toMatchObject({ raters: 5, scoreHundredths: Math.round(((winnerScore + 2 + 5 + 4 + 5) * 100) / 5) });
    expect([a.rank, b.rank].sort()).toEqual(a.scoreHundredths === b.scoreHundredths ? [1, 1] : [1, 2]);
    expect(res.json.results.find((r: { departmentId: string }) => r.departmentId === 'ev-c')).toMatchObject({ raters: 0, rank: null, paired: 1 });
    expect(JSON.stringify(res.json)).not.toMatch(/comment|响应及时/);
  });

  it('is corrected as a new version with its reason and the difference; every version stays readable', async () => {
    const path = `/api/evaluations/rounds/${ROUND}/evaluations/${comms[2]!.id}/ev-a/exclusion`;
    expect((await call(district, 'POST', path, { token: staff.get(comms[2]!.id), body: { exclude: true, reason: '误评了部门' } })).status).toBe(403);
    expect((await call(district, 'POST', path, { token: admin, body: { exclude: true, reason: '社区反映评错了部门，经核实不计入' } })).status).toBe(200);
    const noReason = await call(district, 'POST', `/api/evaluations/rounds/${ROUND}/publications`, { token: admin, body: {} });
    expect(noReason.status).toBe(400);
    expect(noReason.json.error.fields[0].path).toBe('body.reason');
    const v2 = await call(district, 'POST', `/api/evaluations/rounds/${ROUND}/publications`, { token: admin, body: { reason: '一条评价评错了部门，不计入' } });
    expect(v2.status).toBe(201);
    expect(v2.json.version).toBe(2);
    expect(v2.json.changes).toContainEqual({ departmentId: 'ev-a', what: 'raters', before: 5, after: 4 });
    expect(v2.json.inputs).toMatchObject({ excluded: 1 });
    const v1 = await call(district, 'GET', `/api/evaluations/rounds/${ROUND}/ranking?version=1`, { token: staff.get(comms[0]!.id) });
    expect(v1.json.publication.results.find((r: { departmentId: string }) => r.departmentId === 'ev-a').raters).toBe(5);
    expect(v1.json.versions.map((x: { version: number }) => x.version)).toEqual([1, 2]);
    expect((await call(district, 'POST', `/api/evaluations/rounds/${ROUND}/publications`, { token: admin, body: { reason: '再次发布' } })).status).toBe(409);
    const csv = await call(district, 'GET', `/api/evaluations/rounds/${ROUND}/ranking?format=csv`, { token: admin });
    expect(csv.text).toContain('评价测试乙局');
    expect(csv.text.split('\r\n')[0]).toContain('综合得分');
  });

  it('shows a department its own result and the comments it was given, without any staff name or phone number; no one else\'s', async () => {
    const depA = await tokenOf('department', 'ev-a');
    const mine = await call(district, 'GET', '/api/evaluations/departments/ev-a', { token: depA });
    expect(mine.status).toBe(200);
    const round = mine.json.rounds.find((r: { round: { id: string } }) => r.round.id === ROUND);
    expect(round).toMatchObject({ version: 2, corrected: true, of: 2 });
    expect(round.result.raters).toBe(4);
    // The excluded evaluation's comment (with a phone number) went with it; the counted one is there with its community.
    expect(round.comments).toEqual([{ communityName: comms[1]!.name, text: '响应及时' }]);
    expect(JSON.stringify(mine.json)).not.toMatch(/王小明|t-community_staff|1391234/);
    expect((await call(district, 'GET', '/api/evaluations/departments/ev-b', { token: depA })).status).toBe(403);
    const ranking = await call(district, 'GET', `/api/evaluations/rounds/${ROUND}/ranking`, { token: depA });
    expect(JSON.stringify(ranking.json)).not.toMatch(/响应及时|comment/);
  });

  it('keeps a frozen ranking as it was when an evaluation is set aside later; the next version shows the difference', async () => {
    const before = (await call(district, 'GET', `/api/evaluations/rounds/${ROUND}/ranking`, { token: admin })).json.publication;
    const path = `/api/evaluations/rounds/${ROUND}/evaluations/${comms[3]!.id}/ev-b/exclusion`;
    expect((await call(district, 'POST', path, { token: admin, body: { exclude: true, reason: '重复评价，经核实不计入' } })).status).toBe(200);
    // The live figures follow the record; the published version does not until it is corrected.
    await eventually(async () => (await liveOf(ROUND)).live.find((r: { departmentId: string }) => r.departmentId === 'ev-b').raters === 3 || null);
    expect((await call(district, 'GET', `/api/evaluations/rounds/${ROUND}/ranking`, { token: admin })).json.publication).toEqual(before);
    const v3 = await call(district, 'POST', `/api/evaluations/rounds/${ROUND}/publications`, { token: admin, body: { reason: '一条重复评价不计入' } });
    expect(v3.json.changes).toContainEqual({ departmentId: 'ev-b', what: 'raters', before: 4, after: 3 });
    const departments = before.results.map((r: { departmentId: string; name: string; paired: number }) => ({ id: r.departmentId, name: r.name, paired: r.paired }));
    expect(v3.json.results).toEqual(departmentResults(DEFAULT_CRITERIA, departments, sumEvaluations(DEFAULT_CRITERIA, storedFacts())));
  });
});
