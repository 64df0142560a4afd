// Appeals over HTTP against the local district: the signed 12345 webhook (what it refuses, with
// nothing stored; idempotence under a burst; revisions out of order), routing in the centre's
// queue, the lifecycle with its time limits, the sweep's cards and the event consumers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { SendMessageCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { call, callFrom, eventually, testDistrict } from '../support/district.ts';
import { sendOrder, step, webhookKey, workOrder } from '../support/appeals.ts';
import { queueDepth, shortQueue } from '../support/queues.ts';
import { JPEG, PNG, sendForm, uploadForm, type UploadForm } from '../support/photos.ts';
import { pollQueue, type SqsHandler } from '../../infra/local/queues.ts';
import type { LocalDistrict } from '../../infra/local/district.ts';
import { demoDistrict } from '../../infra/local/demo-district.ts';
import { keys } from '../../functions/lib/keys.ts';
import { queues } from '../../functions/manifest.ts';

const d = demoDistrict();
const anqing = d.compounds.find((c) => c.name === '安庆路16号小区')!;
const otherCommunity = d.communities.find((c) => c.id !== anqing.communityId && c.streetId !== anqing.streetId)!;

let district: LocalDistrict;
let hotline: string;
let community: string;
let outsider: string;
let department: string;
let admin: string;

async function staffToken(role: 'community_staff' | 'street_staff' | 'department', scopeId: string) {
  return district.auth.sign(district.auth.claimsOf({ sub: `t-${role}-${scopeId}`, name: '测试', role, scopeId }), Math.floor(Date.now() / 1000) + 3600);
}

async function stored(orderNo: string) {
  const { Item } = await district.doc.send(new GetCommand({ TableName: district.tableName, Key: keys.workOrder(orderNo), ConsistentRead: true }));
  return Item ?? null;
}

async function getCase(caseId: string, token = hotline) {
  return (await call(district, 'GET', `/api/appeals/cases/${caseId}`, { token })).json;
}

beforeAll(async () => {
  // An enquiry (咨询) answered within 3 working days here, the other types within Shandong's 5.
  district = await testDistrict({ seed: 'structure', appeals: { limitsByType: { consult: { replyDays: 3 } } } });
  hotline = await district.auth.issue('hotline');
  admin = await district.auth.issue('admin');
  department = await district.auth.issue('zhujian');
  community = await staffToken('community_staff', anqing.communityId);
  outsider = await staffToken('community_staff', otherCommunity.id);
});
afterAll(async () => district?.stop());

describe('12345 webhook', () => {
  it('stores a signed work order as a case, routed by the district table, and answers after storing', async () => {
    const order = workOrder();
    const res = await sendOrder(district, order);
    expect(res.status, res.text).toBe(200);
    expect(res.json).toEqual({ caseId: expect.stringMatching(/^[0-9a-z]{25}$/), orderNo: order.orderNo, revision: 1 });
    expect(await stored(order.orderNo)).toMatchObject({ caseId: res.json.caseId, revision: 1 });
    const view = await getCase(res.json.caseId);
    expect(view.case).toMatchObject({ state: 'received', category: 'property', placeName: '安庆路16号小区', suggestion: { unit: { kind: 'community', id: anqing.communityId }, why: 'rule' } });
    // The hotline centre took the call: it sees the number. Nothing in the timeline carries it.
    expect(view.callerPhone).toBe('13800138000');
    expect(JSON.stringify(view.timeline)).not.toContain('13800138000');
    expect(view.steps).toEqual(['dispatch', 'invalidate', 'merge']);
    const queue = await call(district, 'GET', '/api/appeals/centre?queue=dispatch', { token: hotline });
    expect(queue.json.cases.map((c: { caseId: string }) => c.caseId)).toContain(res.json.caseId);
    expect(JSON.stringify(queue.json)).not.toContain('13800138000');
  });

  it('refuses a wrong signature, a stale or future timestamp, a replayed nonce, an oversized or malformed body and a bad schema, storing nothing', async () => {
    const tries: [string, () => Promise<{ status: number; json: any }>, number, string][] = [];
    const order = () => workOrder();
    const o1 = order();
    tries.push(['wrong key', () => sendOrder(district, o1, { key: 'not-the-key' }), 401, 'bad_signature']);
    const o2 = order();
    tries.push(['signature of another body', async () => {
      const { sign } = await import('../../functions/appeals/signature.ts');
      return sendOrder(district, o2, { signature: sign(await webhookKey(), String(Math.floor(Date.now() / 1000)), 'n'.repeat(16), '{}') });
    }, 401, 'bad_signature']);
    const o3 = order();
    tries.push(['timestamp 6 minutes old', () => sendOrder(district, o3, { timestamp: String(Math.floor(Date.now() / 1000) - 360) }), 401, 'stale']);
    const o4 = order();
    tries.push(['timestamp 6 minutes ahead', () => sendOrder(district, o4, { timestamp: String(Math.floor(Date.now() / 1000) + 360) }), 401, 'stale']);
    const o5 = order();
    tries.push(['timestamp in milliseconds', () => sendOrder(district, o5, { timestamp: String(Date.now()) }), 401, 'bad_timestamp']);
    const o6 = order();
    tries.push(['body over 32 KB', () => sendOrder(district, o6, { rawBody: JSON.stringify({ ...o6, content: '很'.repeat(12000) }) }), 413, 'body_too_large']);
    const o7 = order();
    tries.push(['malformed JSON', () => sendOrder(district, o7, { rawBody: `{"orderNo":"${o7.orderNo}",` }), 400, 'malformed_json']);
    const o8 = order();
    tries.push(['unknown type', () => sendOrder(district, { ...o8, type: 'praise' }), 400, 'validation_failed']);
    const o9 = order();
    tries.push(['received in the future', () => sendOrder(district, { ...o9, receivedAt: new Date(Date.now() + 3_600_000).toISOString() }), 400, 'validation_failed']);
    const o10 = order();
    tries.push(['phone that is no phone', () => sendOrder(district, { ...o10, callerPhone: '12345' }), 400, 'validation_failed']);
    for (const [what, send, status, code] of tries) {
      const res = await send();
      expect(res.status, what).toBe(status);
      expect(res.json.error.code, what).toBe(code);
    }
    for (const o of [o1, o2, o3, o4, o5, o6, o7, o8, o9, o10]) expect(await stored(o.orderNo)).toBeNull();

    // A replay: the very same signed request again is refused, and stores nothing more.
    const once = workOrder();
    const first = await sendOrder(district, once, { nonce: 'replay-nonce-0000001' });
    expect(first.status).toBe(200);
    const again = await sendOrder(district, { ...once, revision: 2, content: '重放的请求不应生效。' }, { nonce: 'replay-nonce-0000001' });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('replayed');
    expect(await stored(once.orderNo)).toMatchObject({ revision: 1 });
  });

  it('takes the longest valid order even with every character escaped (as Python writes JSON), and a Beijing-time 受理时间 that steps can follow at once', async () => {
    const long = workOrder({ content: '很'.repeat(4000), address: '安'.repeat(200) });
    const escaped = JSON.stringify(long).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    expect(Buffer.byteLength(escaped)).toBeGreaterThan(24_576);
    const res = await sendOrder(district, long, { rawBody: escaped });
    expect(res.status, res.text).toBe(200);
    expect((await getCase(res.json.caseId)).case.content).toBe('很'.repeat(4000));
    // 受理时间 in +08:00, and a platform clock two minutes ahead: stored in UTC, never later than now.
    const ahead = new Date(Date.now() + 120_000);
    const beijing = new Date(ahead.getTime() + 8 * 3_600_000).toISOString().replace('Z', '+08:00');
    const local = await sendOrder(district, workOrder({ receivedAt: beijing }));
    expect(local.status).toBe(200);
    const view = await getCase(local.json.caseId);
    expect(view.case.receivedAt).toMatch(/Z$/);
    expect(Date.parse(view.case.receivedAt)).toBeLessThanOrEqual(Date.now());
    const dispatched = await step(district, hotline, local.json.caseId, { kind: 'dispatch', unit: { kind: 'community', id: anqing.communityId } });
    expect(dispatched.status, dispatched.text).toBe(200);
  });

  it('refuses in Chinese, naming the field, to a zh-CN platform', async () => {
    const res = await sendOrder(district, { ...workOrder(), callerPhone: '' }, { lang: 'zh-CN' });
    expect(res.status).toBe(400);
    expect(res.json.error.fields[0].path).toBe('body.callerPhone');
    expect(res.json.error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('gives one case for the same work order sent 50 times at once, and the same answer to each', async () => {
    const order = workOrder({ address: '香港中路街道某处' });
    const answers = await Promise.all(Array.from({ length: 50 }, () => sendOrder(district, order)));
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(200));
    const ids = new Set(answers.map((a) => JSON.stringify(a.json)));
    expect(ids.size).toBe(1);
    const caseId = answers[0]!.json.caseId;
    // One case in the month index, whatever the burst did.
    const month = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date(order.receivedAt));
    const listed = await district.doc.send(new QueryCommand({ TableName: district.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.caseMonthPk(month) } }));
    const mine = (listed.Items ?? []).filter((i) => i.orderNo === order.orderNo);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.caseId).toBe(caseId);
  });

  it('counts each type\'s own limit from the district config: an enquiry within 3 working days, a complaint within 5', async () => {
    const receivedAt = '2026-11-02T02:00:00.000Z'; // a Monday, 10:00 in Beijing
    const consult = (await sendOrder(district, workOrder({ type: 'consult', receivedAt }))).json.caseId;
    const complaint = (await sendOrder(district, workOrder({ type: 'complaint', receivedAt }))).json.caseId;
    // Working days end at midnight Beijing: Thursday the 5th and Monday the 9th (no holiday between).
    expect((await getCase(consult)).case.due).toBe('2026-11-05T15:59:59.999Z');
    expect((await getCase(complaint)).case.due).toBe('2026-11-09T15:59:59.999Z');
  });

  it('applies a later revision, never lets an older one overwrite it, and keeps the lifecycle', async () => {
    const order = workOrder();
    const r1 = await sendOrder(district, order);
    const r3 = await sendOrder(district, { ...order, revision: 3, content: '第三版：电梯已停运五天。', category: '噪音扰民' });
    expect(r3.json).toEqual({ caseId: r1.json.caseId, orderNo: order.orderNo, revision: 3 });
    const r2 = await sendOrder(district, { ...order, revision: 2, content: '第二版，迟到了。' });
    expect(r2.status).toBe(200);
    expect(r2.json).toEqual({ caseId: r1.json.caseId, orderNo: order.orderNo, revision: 3 });
    const view = await getCase(r1.json.caseId);
    expect(view.case.content).toBe('第三版：电梯已停运五天。');
    expect(view.case).toMatchObject({ category: 'noise', suggestion: { unit: { kind: 'street', id: anqing.streetId } } });
    expect(view.timeline.map((t: { kind: string }) => t.kind)).toEqual(['received', 'revised']);
  });
});

describe('revisions that change the limits', () => {
  it('moves the deadline of a case in its first handling when a revision makes it an enquiry or an enterprise\'s, never after the reply', async () => {
    const receivedAt = '2026-11-02T02:00:00.000Z';
    const order = workOrder({ receivedAt });
    const { caseId } = (await sendOrder(district, order)).json;
    expect((await getCase(caseId)).case.due).toBe('2026-11-09T15:59:59.999Z');
    // Revision 2: an enquiry (3 working days here).
    await sendOrder(district, { ...order, revision: 2, type: 'consult' });
    let view = await getCase(caseId);
    expect(view.case.due).toBe('2026-11-05T15:59:59.999Z');
    expect(view.timeline.at(-1)).toMatchObject({ kind: 'revised', detail: { dueBefore: '2026-11-09T15:59:59.999Z', due: '2026-11-05T15:59:59.999Z' } });
    // Revision 3: an enterprise's (2115: 15 working days, contact within 2 hours).
    await sendOrder(district, { ...order, revision: 3, type: 'consult', enterprise: true });
    view = await getCase(caseId);
    expect(view.case.due).toBe('2026-11-23T15:59:59.999Z');
    expect(view.case.contactDue).toBe('2026-11-02T04:00:00.000Z');
    // A revision with another 受理时间 (and nothing else that sets the limits): counted from the receipt the case shows.
    await sendOrder(district, { ...order, revision: 4, type: 'consult', enterprise: true, receivedAt: new Date(Date.now() - 60_000).toISOString() });
    view = await getCase(caseId);
    expect(view.case.due).toBe('2026-11-23T15:59:59.999Z');
    expect(view.timeline.at(-1).detail).not.toHaveProperty('dueBefore');
    // Replied: a later correction changes the words, not the deadline the reply was measured against.
    await step(district, hotline, caseId, { kind: 'dispatch', unit: { kind: 'community', id: anqing.communityId } });
    await step(district, community, caseId, { kind: 'accept' });
    await step(district, community, caseId, { kind: 'reply', reply: '已答复企业。' });
    await sendOrder(district, { ...order, revision: 5, type: 'complaint', enterprise: false, content: '第四版：补充说明。' });
    view = await getCase(caseId);
    expect(view.case).toMatchObject({ due: '2026-11-23T15:59:59.999Z', content: '第四版：补充说明。' });
    expect(view.timeline.at(-1).detail).not.toHaveProperty('dueBefore');
  });
});

describe('lifecycle', () => {
  it('goes from dispatch to closure, each step on the timeline and each list following the case', async () => {
    const { json: { caseId } } = await sendOrder(district, workOrder());
    const dispatched = await step(district, hotline, caseId, { kind: 'dispatch', unit: { kind: 'community', id: anqing.communityId } });
    expect(dispatched.status, dispatched.text).toBe(200);
    const queue = await call(district, 'GET', '/api/appeals/centre?queue=dispatch', { token: hotline });
    expect(queue.json.cases.map((c: { caseId: string }) => c.caseId)).not.toContain(caseId);
    const work = await call(district, 'GET', '/api/appeals/work', { token: community });
    expect(work.json.cases.map((c: { caseId: string }) => c.caseId)).toContain(caseId);
    // The unit in charge sees the caller's number to call back; another community does not see the case at all.
    expect((await getCase(caseId, community)).callerPhone).toBe('13800138000');
    expect((await call(district, 'GET', `/api/appeals/cases/${caseId}`, { token: outsider })).status).toBe(403);
    // Only the unit in charge accepts; the centre cannot take the unit's step.
    expect((await step(district, hotline, caseId, { kind: 'accept' })).status).toBe(403);
    expect((await step(district, outsider, caseId, { kind: 'accept' }, 2)).status).toBe(403);
    for (const s of [{ kind: 'accept' }, { kind: 'contact', note: '已电话联系，约定明天上门。' }, { kind: 'reply', reply: '电梯已修复，已回复来电人。' }]) {
      const res = await step(district, community, caseId, s);
      expect(res.status, `${s.kind}: ${res.text}`).toBe(200);
    }
    expect((await call(district, 'GET', '/api/appeals/work', { token: community })).json.cases.map((c: { caseId: string }) => c.caseId)).not.toContain(caseId);
    const followQueue = await call(district, 'GET', '/api/appeals/centre?queue=follow_up', { token: hotline });
    expect(followQueue.json.cases.map((c: { caseId: string }) => c.caseId)).toContain(caseId);
    expect((await step(district, hotline, caseId, { kind: 'follow_up', solved: true, satisfaction: 'satisfied' })).status).toBe(200);
    expect((await step(district, hotline, caseId, { kind: 'close' })).status).toBe(200);
    const view = await getCase(caseId);
    expect(view.case.state).toBe('closed');
    expect(view.timeline.map((t: { kind: string }) => t.kind)).toEqual(['received', 'dispatch', 'accept', 'contact', 'reply', 'follow_up', 'close']);
    // Nothing more can be done to a closed case.
    const late = await step(district, community, caseId, { kind: 'reply', reply: '再次回复' });
    expect(late.status).toBe(409);
    expect(late.json.error.code).toBe('wrong_state');
    const again = await step(district, hotline, caseId, { kind: 'close' });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('wrong_state');
  });

  it('refuses a step taken on an older view of the case', async () => {
    const { json: { caseId } } = await sendOrder(district, workOrder());
    const res = await step(district, hotline, caseId, { kind: 'dispatch', unit: { kind: 'community', id: anqing.communityId } }, 7);
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe('stale_revision');
    expect((await getCase(caseId)).case.state).toBe('received');
  });

  it('lets a unit return a case once; after the centre designates a unit it cannot be returned again', async () => {
    const { json: { caseId } } = await sendOrder(district, workOrder());
    await step(district, hotline, caseId, { kind: 'dispatch', unit: { kind: 'department', id: 'dep-zhujian' } });
    const back = await step(district, department, caseId, { kind: 'return', reason: '属于社区物业管理事项，不属本局职责。' });
    expect(back.status, back.text).toBe(200);
    expect((await getCase(caseId)).case.state).toBe('returned');
    // Back in the centre's queue, and out of the department's reach.
    expect((await call(district, 'GET', `/api/appeals/cases/${caseId}`, { token: department })).status).toBe(403);
    await step(district, hotline, caseId, { kind: 'dispatch', unit: { kind: 'department', id: 'dep-zhujian' } });
    const second = await step(district, department, caseId, { kind: 'return', reason: '仍然认为不属本局职责。' });
    expect(second.status).toBe(409);
    expect(second.json.error.code).toBe('designated');
  });

  it('refuses a return more than 2 working days after dispatch (counted on the official calendar)', async () => {
    const { json: { caseId } } = await sendOrder(district, workOrder());
    const { takeStep } = await import('../../functions/appeals/steps.ts');
    const dispatcher = { kind: 'staff' as const, sub: 't-hotline', role: 'dispatcher' as const, scopeId: 'district', name: '测试' };
    const dep = { kind: 'staff' as const, sub: 't-dep', role: 'department' as const, scopeId: 'dep-zhujian', name: '测试' };
    // Dispatched on Friday 2026-09-25; the National Day holiday runs 10-01 to 10-08, Sunday 09-28 is a 调休 workday.
    const friday = new Date('2026-09-25T10:00:00+08:00');
    // (The case was received a minute ago; the steps are replayed in the future so that they follow it.)
    const shift = Date.now() - friday.getTime() + 3_600_000;
    const at = (iso: string) => new Date(Date.parse(iso) + shift);
    let c = await takeStep(caseId, { rev: 1, step: { kind: 'dispatch', unit: { kind: 'department', id: 'dep-zhujian' } } }, dispatcher, at('2026-09-25T10:00:00+08:00'));
    // Shifted days keep no calendar meaning, so show the rule on real dates with the pure function too.
    const { workingDaysBetween } = await import('../../shared/appeals/deadlines.ts');
    const { WorkCalendar } = await import('../../shared/appeals/calendar.ts');
    expect(workingDaysBetween('2026-09-25T10:00:00+08:00', '2026-09-28T17:00:00+08:00', new WorkCalendar())).toBe(1);
    const late = at('2026-10-20T10:00:00+08:00');
    await expect(takeStep(caseId, { rev: c.rev, step: { kind: 'return', reason: '不属本局职责。' } }, dep, late)).rejects.toMatchObject({ status: 409, code: 'return_too_late' });
    c = await takeStep(caseId, { rev: c.rev, step: { kind: 'return', reason: '不属本局职责。' } }, dep, at('2026-09-25T16:00:00+08:00'));
    expect(c.state).toBe('returned');
  });

  it('extends the deadline by the approved working days, and only the centre decides', async () => {
    const { json: { caseId } } = await sendOrder(district, workOrder());
    await step(district, hotline, caseId, { kind: 'dispatch', unit: { kind: 'community', id: anqing.communityId } });
    await step(district, community, caseId, { kind: 'accept' });
    const before = (await getCase(caseId)).case.due;
    expect((await step(district, community, caseId, { kind: 'ask_extension', days: 11, reason: '需要协调维修资金。' })).status).toBe(400);
    expect((await step(district, community, caseId, { kind: 'ask_extension', days: 5, reason: '需要协调维修资金。' })).status).toBe(200);
    expect((await call(district, 'GET', '/api/appeals/centre?queue=extension', { token: hotline })).json.cases.map((c: { caseId: string }) => c.caseId)).toContain(caseId);
    expect((await step(district, community, caseId, { kind: 'decide_extension', approve: true })).status).toBe(403);
    expect((await step(district, hotline, caseId, { kind: 'decide_extension', approve: true })).status).toBe(200);
    const after = await getCase(caseId);
    const { workingDaysBetween } = await import('../../shared/appeals/deadlines.ts');
    const { WorkCalendar } = await import('../../shared/appeals/calendar.ts');
    expect(workingDaysBetween(before, after.case.due, new WorkCalendar())).toBe(5);
    expect(after.case.view.extendedDays).toBe(5);
    // At most 10 in all.
    expect((await step(district, community, caseId, { kind: 'ask_extension', days: 6, reason: '还需要更多时间。' })).json.error.code).toBe('extension_too_long');
  });

  it('sends a dissatisfied caller’s case back to the unit (重办) with a fresh limit, counted', async () => {
    const { json: { caseId } } = await sendOrder(district, workOrder());
    await step(district, hotline, caseId, { kind: 'dispatch', unit: { kind: 'community', id: anqing.communityId } });
    await step(district, community, caseId, { kind: 'accept' });
    await step(district, community, caseId, { kind: 'reply', reply: '已处理。' });
    const res = await step(district, hotline, caseId, { kind: 'follow_up', solved: false, satisfaction: 'dissatisfied', note: '来电人称问题仍未解决。' });
    expect(res.status).toBe(200);
    const view = await getCase(caseId);
    expect(view.case).toMatchObject({ state: 'accepted', reworks: 1 });
    expect((await call(district, 'GET', '/api/appeals/work', { token: community })).json.cases.map((c: { caseId: string }) => c.caseId)).toContain(caseId);
    // Having replied, the unit took the matter as its own: no return on a rework.
    const back = await step(district, community, caseId, { kind: 'return', reason: '重办时想退回，不应允许。' });
    expect(back.status).toBe(409);
  });

  it('merges a duplicate into the earlier case, suggested to the centre, and marks a prank invalid with a reason', async () => {
    const first = (await sendOrder(district, workOrder({ address: '青岛市市南区安庆路16号', category: '市容环境' }))).json.caseId;
    const second = (await sendOrder(district, workOrder({ address: '安庆路16号小区门口', category: '垃圾' }))).json.caseId;
    const view = await getCase(second);
    expect(view.duplicates.map((c: { caseId: string }) => c.caseId)).toContain(first);
    expect((await step(district, hotline, second, { kind: 'merge', into: second })).status).toBe(400);
    expect((await step(district, hotline, second, { kind: 'merge', into: first })).status).toBe(200);
    expect((await getCase(second)).case.state).toBe('merged');
    // No chains: a case others joined is not merged away itself.
    const third = (await sendOrder(district, workOrder({ address: '青岛市市南区安庆路16号', category: '市容环境' }))).json.caseId;
    const chain = await step(district, hotline, first, { kind: 'merge', into: third });
    expect(chain.status).toBe(400);
    expect(chain.json.error.fields[0].path).toBe('body.step.into');
    expect((await getCase(first)).timeline.map((t: { kind: string }) => t.kind)).toContain('merged_in');
    const prank = (await sendOrder(district, workOrder())).json.caseId;
    expect((await step(district, hotline, prank, { kind: 'invalidate', reason: '' })).status).toBe(400);
    expect((await step(district, hotline, prank, { kind: 'invalidate', reason: '恶意骚扰电话，无具体诉求。' })).status).toBe(200);
    const audit = await call(district, 'GET', `/api/audit?month=${new Date().toISOString().slice(0, 7)}`, { token: admin });
    expect(JSON.stringify(audit.json)).toContain(`case:${prank}`);
  });
});

describe('sweep', () => {
  it('marks the cases due and no others: yellow at 80% of the time, red past the deadline, each once', async () => {
    const { sweep } = await import('../../functions/appeals/sweep.ts');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await sendOrder(district, workOrder())).json.caseId);
    const cases = await Promise.all(ids.map((id) => getCase(id)));
    const warnAt = Date.parse(cases[0].case.warnAt);
    const due = Date.parse(cases[0].case.due);
    // Just before 80% of the time: nothing of these.
    await sweep(warnAt - 5000);
    for (const id of ids) expect((await getCase(id)).case.markedCard).toBe('none');
    // Between 80% and the deadline: yellow, for these three and any earlier case of the same hour.
    const yellow = await sweep(warnAt + 1000);
    expect(yellow.marked).toBeGreaterThanOrEqual(3);
    for (const id of ids) expect((await getCase(id)).case.markedCard).toBe('yellow');
    const again = await sweep(warnAt + 2000);
    expect(again.marked).toBe(0);
    const red = await sweep(due + 1000);
    expect(red.marked).toBeGreaterThanOrEqual(3);
    const reds = await Promise.all(ids.map((id) => getCase(id)));
    for (const r of reds) {
      expect(r.case.markedCard).toBe('red');
      expect(r.timeline.filter((t: { kind: string }) => t.kind === 'card').map((t: { detail: { card: string } }) => t.detail.card)).toEqual(['yellow', 'red']);
    }
  });
});

describe('events', () => {
  it('counts each case once in the live figures and notifies the unit it is dispatched to', async () => {
    const { json: { caseId } } = await sendOrder(district, workOrder());
    await step(district, hotline, caseId, { kind: 'dispatch', unit: { kind: 'department', id: 'dep-zhujian' } });
    const notice = await eventually(async () => {
      const { Items } = await district.doc.send(new QueryCommand({ TableName: district.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'UNITNOTES#department:dep-zhujian' } }));
      return (Items ?? []).find((i) => i.caseId === caseId);
    });
    expect(notice).toMatchObject({ kind: 'dispatch' });
    const live = await eventually(async () => {
      const { Item } = await district.doc.send(new GetCommand({ TableName: district.tableName, Key: { pk: `CASE#${caseId}`, sk: 'LIVE' }, ConsistentRead: true }));
      return Item && Item.rev === 2 ? Item : null;
    });
    expect(live).toMatchObject({ unit: 'department:dep-zhujian', stage: 'handling' });
  });

  it('sends a poison appeal event to the DLQ, and the case events queued behind it in its group go on', async () => {
    const { handler } = await import('../../functions/appeals/on-appeal-event.ts');
    const { main, dlq, def } = await shortQueue(district, queues.appealEvents, 'appeal-poison');
    const client = district.queues.client;
    const { json: { caseId } } = await sendOrder(district, workOrder());
    const bodies = ['{"type":"appeal.step","v":1,"caseId":42}', JSON.stringify({ type: 'appeal.step', v: 1, eventId: `e-${caseId}`, caseId, rev: 1, kind: 'received' })];
    for (const [i, MessageBody] of bodies.entries()) {
      await client.send(new SendMessageCommand({ QueueUrl: main, MessageBody, MessageGroupId: caseId, MessageDeduplicationId: `${caseId}-${i}` }));
    }
    const poller = pollQueue(client, main, def, async () => handler as unknown as SqsHandler, () => undefined);
    try {
      await eventually(async () => (await queueDepth(district, dlq)) === 1 || null, 30_000);
      await eventually(async () => (await queueDepth(district, main)) === 0 || null, 30_000);
    } finally {
      await poller.stop();
    }
    const inDlq = await client.send(new ReceiveMessageCommand({ QueueUrl: dlq, MaxNumberOfMessages: 10 }));
    expect(inDlq.Messages!.map((m) => m.Body)).toEqual([bodies[0]]);
  });
});

describe('feedback to the 12345 platform', () => {
  it('retries while the platform fails, with growing waits, and lands once it is back; the platform hears each step once', async () => {
    const { startLocalPlatform } = await import('../../infra/local/platform-12345.ts');
    const platform = await startLocalPlatform({ districtUrl: district.url, key: webhookKey });
    process.env.PLATFORM_FEEDBACK_URL = platform.feedbackUrl;
    try {
      platform.setFailing(true);
      const order = workOrder();
      const sent = await platform.send(order);
      expect(sent.status).toBe(200);
      const caseId = (sent.body as { caseId: string }).caseId;
      // Tried, turned away, tried again after a wait.
      await eventually(async () => platform.state.turnedAway >= 2 || null, 40_000);
      expect(platform.state.feedback).toEqual([]);
      platform.setFailing(false);
      const accepted = await eventually(async () => platform.state.feedback.find((f) => f.orderNo === order.orderNo && f.kind === 'accepted'), 60_000);
      expect(accepted.deadline).toEqual(expect.any(String));
      // The reply follows, in order, signed: the platform checked each signature.
      await step(district, hotline, caseId, { kind: 'dispatch', unit: { kind: 'community', id: anqing.communityId } });
      await step(district, community, caseId, { kind: 'accept' });
      await step(district, community, caseId, { kind: 'reply', reply: '已安排维修，电梯恢复运行。' });
      const replied = await eventually(async () => platform.state.feedback.find((f) => f.orderNo === order.orderNo && f.kind === 'replied'), 30_000);
      expect(replied).toMatchObject({ reply: '已安排维修，电梯恢复运行。' });
      expect(replied.seq).toBeGreaterThan(accepted.seq);
      expect(platform.state.badSignatures).toBe(0);
      // Never a caller's number or a person's name.
      expect(JSON.stringify(platform.state.feedback)).not.toContain('13800138000');
    } finally {
      process.env.PLATFORM_FEEDBACK_URL = '';
      await platform.stop();
    }
  }, 120_000);
});

describe('the routing table', () => {
  it('refuses a rule naming a unit or a place that does not exist, naming the rule, and stores nothing', async () => {
    const before = (await call(district, 'GET', '/api/appeals/routing', { token: admin })).json;
    const body = {
      rev: before.rev, categories: before.categories,
      rules: [
        ...before.rules,
        { category: 'property', unit: { kind: 'department', id: 'dep-nowhere' } },
        { category: 'property', place: { compoundId: 'p9999' }, unit: { kind: 'community', id: anqing.communityId } },
        { category: 'weather', unit: { kind: 'community', id: anqing.communityId } },
      ],
    };
    const res = await call(district, 'PUT', '/api/appeals/routing', { token: admin, body });
    expect(res.status, res.text).toBe(400);
    const n = before.rules.length;
    expect(res.json.error.fields).toEqual([
      { path: `body.rules.${n}.unit`, reason: 'no such unit' },
      { path: `body.rules.${n + 1}.place`, reason: 'no such place' },
      { path: `body.rules.${n + 2}.category`, reason: 'not a category of the catalogue' },
    ]);
    expect((await call(district, 'GET', '/api/appeals/routing', { token: admin })).json.rev).toBe(before.rev);
  });

  it('refuses a save without the revision it was read at, an alias that names another category, and a platform code that is another department\'s name', async () => {
    const before = (await call(district, 'GET', '/api/appeals/routing', { token: admin })).json;
    const noRev = await call(district, 'PUT', '/api/appeals/routing', { token: admin, body: { categories: before.categories, rules: before.rules } });
    expect(noRev.status).toBe(400);
    expect(noRev.json.error.fields.map((f: { path: string }) => f.path)).toEqual(['body.rev']);
    const categories = before.categories.map((c: { code: string; aliases: string[] }, i: number) => (i === 0 ? { ...c, aliases: [...c.aliases, before.categories[1].name] } : c));
    const clash = await call(district, 'PUT', '/api/appeals/routing', { token: admin, body: { rev: before.rev, categories, rules: before.rules } });
    expect(clash.status).toBe(400);
    expect(clash.json.error.fields).toEqual([{ path: `body.categories.0.aliases.${before.categories[0].aliases.length}`, reason: 'names another category already' }]);
    const dep = await call(district, 'PUT', '/api/registry/departments/dep-clash', { token: admin, body: { name: '测试部门', platformCode: '市南区住房和城乡建设局' } });
    expect(dep.status).toBe(409);
    expect((await call(district, 'GET', '/api/appeals/routing', { token: admin })).json.rev).toBe(before.rev);
  });
});

describe('reports from communities and streets', () => {
  it('sends a community\'s report on its compound straight to the street, and one to the district to the centre marked for the district leader', async () => {
    const toStreet = await call(district, 'POST', `/api/appeals/compounds/${anqing.id}/reports`, { token: community, body: { category: 'property', content: '小区消防通道被长期占用，物业劝阻无效。', to: 'street' } });
    expect(toStreet.status, toStreet.text).toBe(201);
    expect(toStreet.json).toMatchObject({ state: 'dispatched', unit: { kind: 'street', id: anqing.streetId }, channel: 'staff' });
    const street = await staffToken('street_staff', anqing.streetId);
    const work = await call(district, 'GET', '/api/appeals/work', { token: street });
    expect(work.json.cases.map((c: { caseId: string }) => c.caseId)).toContain(toStreet.json.caseId);
    const toDistrict = await call(district, 'POST', `/api/appeals/compounds/${anqing.id}/reports`, { token: community, body: { category: 'property', content: '老旧小区改造资金缺口较大，需区级协调。', to: 'district' } });
    expect(toDistrict.json).toMatchObject({ state: 'received', escalated: true });
    const queue = await call(district, 'GET', '/api/appeals/centre?queue=dispatch', { token: hotline });
    expect(queue.json.cases.find((c: { caseId: string }) => c.caseId === toDistrict.json.caseId)).toMatchObject({ escalated: true });
  });

  it('refuses a compound outside the reporter\'s scope, a category not in the catalogue and a street reporting to itself, naming the field', async () => {
    const outside = await call(district, 'POST', `/api/appeals/compounds/${anqing.id}/reports`, { token: outsider, body: { category: 'property', content: '越权报送的测试内容，不应被接受。', to: 'street' } });
    expect(outside.status).toBe(403);
    const unknown = await call(district, 'POST', `/api/appeals/compounds/${anqing.id}/reports`, { token: community, body: { category: 'weather', content: '分类不存在的测试内容，应被拒绝。', to: 'street' } });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.fields[0].path).toBe('body.category');
    const street = await staffToken('street_staff', anqing.streetId);
    const self = await call(district, 'POST', `/api/appeals/compounds/${anqing.id}/reports`, { token: street, body: { category: 'property', content: '街道报给自己的测试内容，应被拒绝。', to: 'street' }, lang: 'zh-CN' });
    expect(self.status).toBe(400);
    expect(self.json.error.fields[0]).toMatchObject({ path: 'body.to', reason: expect.stringMatching(/[\u4e00-\u9fff]/) });
  });
});

describe('a resident\'s appeal from the phone page', () => {
  const appeal = (o: Record<string, unknown> = {}) => ({ idempotencyKey: Array.from({ length: 32 }, () => '0123456789abcdef'[Math.floor(Math.random() * 16)]).join(''), phone: '13700001111', type: 'complaint', category: 'property', compoundId: anqing.id, content: '小区电梯已经停运三天，老人上下楼很困难。', ...o });

  it('files a case with a tracking code, the same code for a resend, and follows it in plain words without anyone\'s name', async () => {
    const body = appeal();
    const first = await callFrom(district, '127.0.40.1', 'POST', '/api/public/appeals', body);
    expect(first.status, first.text).toBe(201);
    expect(first.json.trackingCode).toMatch(/^[3-9A-Y]{4}-[3-9A-Y]{4}-[3-9A-Y]{4}$/);
    // A resend after a dropped connection: the same appeal, the same code.
    const again = await callFrom(district, '127.0.40.1', 'POST', '/api/public/appeals', body);
    expect(again.json).toEqual(first.json);
    const queue = await call(district, 'GET', '/api/appeals/centre?queue=dispatch', { token: hotline });
    const mine = queue.json.cases.filter((c: { channel: string; excerpt: string }) => c.channel === 'resident' && c.excerpt.startsWith('小区电梯已经停运三天'));
    expect(mine).toHaveLength(1);
    await step(district, hotline, mine[0].caseId, { kind: 'dispatch', unit: { kind: 'community', id: anqing.communityId } });
    await step(district, community, mine[0].caseId, { kind: 'accept' });
    await step(district, community, mine[0].caseId, { kind: 'reply', reply: '电梯已修复，请您放心。' });
    const tracked = await callFrom(district, '127.0.40.2', 'POST', '/api/public/appeals/track', { code: first.json.trackingCode.toLowerCase().replaceAll('-', ' ') });
    expect(tracked.status, tracked.text).toBe(200);
    expect(tracked.json).toMatchObject({ state: 'replied', placeName: anqing.name, categoryName: '物业管理' });
    expect(tracked.json.steps.map((s: { kind: string }) => s.kind)).toEqual(['received', 'dispatch', 'accept', 'reply']);
    expect(tracked.json.steps.find((s: { kind: string }) => s.kind === 'reply').reply).toBe('电梯已修复，请您放心。');
    // No person's name, no number, no staff id.
    expect(tracked.text).not.toMatch(/13700001111|测试|t-community|sub/);
    // The unit in charge has the number to call back.
    expect((await getCase(mine[0].caseId, community)).callerPhone).toBe('13700001111');
  });

  it('refuses what a phone page could send wrong, naming the field, and limits appeals per number and wrong codes per client', async () => {
    for (const [what, body, path] of [
      ['no phone', appeal({ phone: '' }), 'body.phone'], ['a short text', appeal({ content: '太吵了' }), 'body.content'],
      ['no place', appeal({ compoundId: undefined, address: '' }), 'body.address'], ['an unknown category', appeal({ category: 'weather' }), 'body.category'],
      ['an unknown compound', appeal({ compoundId: 'p9999' }), 'body.compoundId'],
    ] as const) {
      const res = await callFrom(district, '127.0.41.1', 'POST', '/api/public/appeals', body);
      expect(res.status, what).toBe(400);
      expect(res.json.error.fields.map((f: { path: string }) => f.path), what).toContain(path);
    }
    // Five a day from one number, from any client.
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await callFrom(district, `127.0.42.${i + 1}`, 'POST', '/api/public/appeals', appeal({ phone: '13600002222' }))).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
    // Wrong tracking codes: 20 per client in 15 minutes, then a wait.
    const tries: number[] = [];
    for (let i = 0; i < 21; i++) tries.push((await callFrom(district, '127.0.43.1', 'POST', '/api/public/appeals/track', { code: 'AAAA-BBBB-CCCC' })).status);
    expect(tries.slice(0, 20)).toEqual(Array(20).fill(404));
    expect(tries[20]).toBe(429);
  });
  async function forms(from: string, idempotencyKey: string, types: string[]) {
    const res = await callFrom(district, from, 'POST', '/api/public/appeals/photos', { idempotencyKey, types });
    expect(res.status, res.text).toBe(200);
    return res.json.uploads as UploadForm[];
  }
  const send = sendForm;
  const upload = uploadForm;

  it('takes up to 3 photos uploaded straight to the bucket with signed forms, checks their bytes, and shows them to the staff of the case only', async () => {
    const body = appeal({ content: '小区门口的路灯杆倒在人行道上，附照片。', photos: 2 });
    const [first, second] = await forms('127.0.44.1', body.idempotencyKey as string, ['image/jpeg', 'image/png']);
    // The forms point at this district's own origin locally, with the type bound in the policy.
    expect(first!.url.startsWith(`${district.url}/local/s3/`)).toBe(true);
    expect(first!.fields).toMatchObject({ 'Content-Type': 'image/jpeg', key: expect.stringMatching(/^incoming\/[A-Za-z0-9_-]{32}\/0$/), Policy: expect.any(String) });
    const policy = JSON.parse(Buffer.from(first!.fields.Policy!, 'base64').toString());
    expect(policy.conditions).toEqual(expect.arrayContaining([['content-length-range', 1, 5 * 1_048_576], ['eq', '$Content-Type', 'image/jpeg']]));
    await upload(first!, JPEG, 'image/jpeg');
    // The second says PNG but holds text: refused, naming the photo, and nothing filed.
    await upload(second!, Buffer.from('<html>not a picture</html>'), 'image/png');
    const wrong = await callFrom(district, '127.0.44.1', 'POST', '/api/public/appeals', body);
    expect(wrong.status, wrong.text).toBe(400);
    expect(wrong.json.error.fields).toEqual([{ path: 'body.photos', reason: 'photo 2: not a JPEG, PNG or WebP image' }]);
    // Sent again with a real PNG (the same key: the page's resend overwrites it): filed.
    await upload(second!, PNG, 'image/png');
    const filed = await callFrom(district, '127.0.44.1', 'POST', '/api/public/appeals', body);
    expect(filed.status, filed.text).toBe(201);
    const queue = await call(district, 'GET', '/api/appeals/centre?queue=dispatch', { token: hotline });
    const caseId = queue.json.cases.find((c: { excerpt: string }) => c.excerpt.startsWith('小区门口的路灯杆倒在人行道上'))!.caseId;
    const view = await getCase(caseId);
    expect(view.photos.map((p: { type: string; bytes: number }) => [p.type, p.bytes])).toEqual([['image/jpeg', JPEG.length], ['image/png', PNG.length]]);
    const shown = await fetch(view.photos[0].url);
    expect(shown.status).toBe(200);
    expect(Buffer.from(await shown.arrayBuffer()).equals(JPEG)).toBe(true);
    expect(view.timeline[0].detail).toEqual({ photos: 2 });
    // Another community does not see the case, nor its photos.
    expect((await call(district, 'GET', `/api/appeals/cases/${caseId}`, { token: outsider })).status).toBe(403);
    // Nothing about the photos reaches the tracking page or the public figures.
    const tracked = await callFrom(district, '127.0.44.2', 'POST', '/api/public/appeals/track', { code: filed.json.trackingCode });
    expect(tracked.text).not.toMatch(/incoming|cases\/|local\/s3/);
  });

  it('holds the bucket to its rules locally as S3 does: no listing, no read without a valid link, no upload outside its signed form', async () => {
    const body = appeal({ content: '楼道里的消防栓被杂物堵住了，附照片。', photos: 1 });
    const [form] = await forms('127.0.46.1', body.idempotencyKey as string, ['image/jpeg']);
    const bucket = new URL(form!.url).pathname.split('/').filter(Boolean).at(-1)!;
    expect((await fetch(`${district.url}/local/s3/${bucket}?list-type=2`)).status).toBe(403);
    expect((await fetch(`${district.url}/local/s3/${bucket}/`)).status).toBe(403);
    // A form changed after signing: another key, another type, no policy, an extra field.
    for (const [what, fields] of [
      ['another key', { ...form!.fields, key: 'cases/someone-else/0' }],
      ['another key by traversal', { ...form!.fields, key: `${form!.fields.key}/../../cases/x/0` }],
      ['another type', { ...form!.fields, 'Content-Type': 'text/html' }],
      ['no policy', Object.fromEntries(Object.entries(form!.fields).filter(([k]) => k !== 'Policy'))],
      ['a forged signature', { ...form!.fields, 'X-Amz-Signature': '0'.repeat(64) }],
      ['an extra field', { ...form!.fields, 'x-amz-meta-note': 'x' }],
    ] as const) {
      const res = await send({ url: form!.url, fields }, JPEG, 'image/jpeg');
      expect(res.status, what).toBe(403);
    }
    // Tried (an attack on the gate, not on S3): the signed fields plus others that the emulator
    // would read instead (another key and type first, the signed ones again in other case), a
    // decoy file part, and a DeleteObjects posted to a key. Each refused; nothing stored there.
    const raw = async (url: string, parts: [string, string | Blob][]) => {
      const data = new FormData();
      for (const [k, v] of parts) (typeof v === 'string' ? data.append(k, v) : data.append(k, v, 'photo'));
      return (await fetch(url, { method: 'POST', body: data })).status;
    };
    const signed = Object.entries(form!.fields).filter(([k]) => k !== 'key' && k !== 'Content-Type');
    const jpeg = new Blob([new Uint8Array(JPEG)], { type: 'image/jpeg' });
    expect(await raw(form!.url, [['key', 'cases/ANON/0'], ['Content-Type', 'text/html'], ...signed, ['Key', form!.fields.key!], ['content-type', 'image/jpeg'], ['file', jpeg]])).toBe(400);
    expect(await raw(form!.url, [...Object.entries(form!.fields), ['decoy', new Blob(['x'])], ['file', jpeg]])).toBe(400);
    const del = new Blob([`<Delete><Object><Key>${form!.fields.key}</Key></Object></Delete>`], { type: 'image/jpeg' });
    expect(await raw(`${form!.url}/whatever`, [...Object.entries(form!.fields), ['file', del]])).toBe(405);
    expect(await raw(`${form!.url}?delete`, [...Object.entries(form!.fields), ['file', del]])).toBe(405);
    await upload(form!, JPEG, 'image/jpeg');
    expect((await callFrom(district, '127.0.46.1', 'POST', '/api/public/appeals', body)).status).toBe(201);
    const queue = await call(district, 'GET', '/api/appeals/centre?queue=dispatch', { token: hotline });
    const caseId = queue.json.cases.find((c: { excerpt: string }) => c.excerpt.startsWith('楼道里的消防栓被杂物堵住了'))!.caseId;
    const link = new URL((await getCase(caseId)).photos[0].url);
    const ok = await fetch(link);
    expect(ok.status).toBe(200);
    // Served as a picture that is never run, on this origin.
    expect(ok.headers.get('x-content-type-options')).toBe('nosniff');
    expect(ok.headers.get('content-security-policy')).toMatch(/sandbox/);
    const bare = new URL(link.pathname, link.origin);
    expect((await fetch(bare)).status).toBe(403);
    const forged = new URL(link);
    forged.searchParams.set('X-Amz-Signature', '0'.repeat(64));
    expect((await fetch(forged)).status).toBe(403);
    const other = new URL(link);
    other.pathname = other.pathname.replace(/\/0$/, '/1');
    expect((await fetch(other)).status).toBe(403);
    // A link for longer than S3 signs, and a path that does not decode: refused, not a 500.
    const long = new URL(link);
    long.searchParams.set('X-Amz-Expires', '999999');
    expect((await fetch(long)).status).toBe(400);
    expect((await fetch(`${link.origin}${link.pathname}%ZZ${link.search}`)).status).toBe(400);
  });

  it('refuses a photo not uploaded, one too large, a fourth photo and a type the forms do not take, naming the field', async () => {
    const missing = appeal({ photos: 1 });
    const res = await callFrom(district, '127.0.45.1', 'POST', '/api/public/appeals', missing);
    expect(res.status).toBe(400);
    expect(res.json.error.fields).toEqual([{ path: 'body.photos', reason: 'photo 1: not uploaded; send it again' }]);
    // Too large for the form's signed policy: the bucket refuses the upload, so the appeal finds none.
    const big = appeal({ photos: 1 });
    const [form] = await forms('127.0.45.1', big.idempotencyKey as string, ['image/jpeg']);
    const tooBig = await send(form!, Buffer.concat([JPEG, Buffer.alloc(5 * 1_048_576)]), 'image/jpeg');
    expect(tooBig.status).toBe(400);
    expect(tooBig.text).toContain('EntityTooLarge');
    const filed = await callFrom(district, '127.0.45.1', 'POST', '/api/public/appeals', big);
    expect(filed.json.error.fields[0].reason).toBe('photo 1: not uploaded; send it again');
    for (const [what, types, path] of [['four photos', ['image/jpeg', 'image/jpeg', 'image/jpeg', 'image/jpeg'], 'body.types'], ['a GIF', ['image/gif'], 'body.types.0'], ['none', [], 'body.types']] as const) {
      const r = await callFrom(district, '127.0.45.1', 'POST', '/api/public/appeals/photos', { idempotencyKey: 'a'.repeat(32), types });
      expect(r.status, what).toBe(400);
      expect(r.json.error.fields.map((f: { path: string }) => f.path), what).toContain(path);
    }
    const four = await callFrom(district, '127.0.45.1', 'POST', '/api/public/appeals', appeal({ photos: 4 }));
    expect(four.status).toBe(400);
    expect(four.json.error.fields[0].path).toBe('body.photos');
  });
});

describe('三率: the live dashboard and the monthly report frozen from the cases', () => {
  // A month two months back (Beijing): over, so it may be frozen, and no other test files cases in it.
  const month = (() => {
    const d = new Date(Date.now() + 8 * 3_600_000);
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() - 2);
    return d.toISOString().slice(0, 7);
  })();
  const inMonth = (day: number) => new Date(Date.parse(`${month}-${String(day).padStart(2, '0')}T10:00:00+08:00`)).toISOString();
  const communityUnit = () => `community:${anqing.communityId}`;

  /** The month recounted from the stored case records (not the index the report reads), by hand. */
  async function recount(now: number) {
    const { Items = [] } = await district.doc.send(new QueryCommand({ TableName: district.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.caseMonthPk(month) }, ConsistentRead: true }));
    const units: Record<string, Record<string, number>> = {};
    let cases = 0, excluded = 0;
    for (const entry of Items) {
      const { Item: c } = await district.doc.send(new GetCommand({ TableName: district.tableName, Key: keys.appealCase(String(entry.caseId)), ConsistentRead: true }));
      cases++;
      if (c!.view.state === 'invalid' || c!.view.state === 'merged') { excluded++; continue; }
      for (const key of ['district', c!.unit ? `${c!.unit.kind}:${c!.unit.id}` : null]) {
        if (!key) continue;
        const u = (units[key] ??= { valid: 0, responded: 0, responseBase: 0, onTime: 0, onTimeBase: 0, followedUp: 0, solved: 0, satisfied: 0, basic: 0 });
        u.valid!++;
        if (c!.view.contactedAt && c!.view.contactedAt <= c!.contactDue) u.responded!++;
        if (c!.view.contactedAt || now > Date.parse(c!.contactDue)) u.responseBase!++;
        if (c!.view.repliedAt || now > Date.parse(c!.view.replyDue.due)) u.onTimeBase!++;
        if (c!.view.repliedAt && c!.view.repliedAt <= c!.view.replyDue.due) u.onTime!++;
        if (c!.view.followUp) {
          u.followedUp!++;
          if (c!.view.followUp.solved) u.solved!++;
          if (c!.view.followUp.satisfaction === 'satisfied') u.satisfied!++;
          if (c!.view.followUp.satisfaction === 'basic') u.basic!++;
        }
      }
    }
    return { cases, excluded, units };
  }
  const countsIn = (r: Record<string, number | null>) => ({ valid: r.valid, responded: r.responded, responseBase: r.responseBase, onTime: r.onTime, onTimeBase: r.onTimeBase, followedUp: r.followedUp, solved: r.solved, satisfied: r.satisfied, basic: r.basic });

  let replied = '';
  it('freezes a month only once it is over, and equals a recount from the stored cases', async () => {
    const thisMonth = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
    const early = await call(district, 'POST', `/api/appeals/monthly/${thisMonth}`, { token: admin, body: {} });
    expect(early.status, early.text).toBe(409);
    expect(early.json.error.code).toBe('month_not_over');
    // A month long past with no case has nothing to freeze.
    const empty = await call(district, 'POST', '/api/appeals/monthly/2019-03', { token: admin, body: {}, lang: 'zh-CN' });
    expect(empty.status).toBe(409);
    expect(empty.json.error).toMatchObject({ code: 'empty_month', message: '这个月没有受理任何诉求，无需固定报告' });
    // Eight cases over the month in different states and two units.
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) ids.push((await sendOrder(district, workOrder({ receivedAt: inMonth(3 + i) }))).json.caseId);
    const unitSteps = [
      [{ kind: 'accept' }, { kind: 'contact' }, { kind: 'reply', reply: '已处理完毕，已回复来电人。' }],
      [{ kind: 'accept' }, { kind: 'reply', reply: '已处理完毕，已回复来电人。' }],
      [{ kind: 'accept' }],
    ];
    for (const [i, id] of ids.entries()) {
      if (i === 7) continue; // waits for dispatch: the district's, no unit's
      if (i === 6) {
        expect((await step(district, hotline, id, { kind: 'invalidate', reason: '重复来电，内容无效' })).status).toBe(200);
        continue;
      }
      const unit = i < 4 ? { kind: 'community', id: anqing.communityId } : { kind: 'department', id: 'dep-zhujian' };
      expect((await step(district, hotline, id, { kind: 'dispatch', unit })).status).toBe(200);
      const token = i < 4 ? community : department;
      for (const s of unitSteps[i % 3]!) expect((await step(district, token, id, s)).status, `${i} ${s.kind}`).toBe(200);
    }
    expect((await step(district, hotline, ids[0]!, { kind: 'follow_up', solved: true, satisfaction: 'satisfied' })).status).toBe(200);
    expect((await step(district, hotline, ids[3]!, { kind: 'follow_up', solved: false, satisfaction: 'basic' })).status).toBe(200);
    replied = ids[1]!;

    const frozen = await call(district, 'POST', `/api/appeals/monthly/${month}`, { token: hotline, body: {} });
    expect(frozen.status, frozen.text).toBe(201);
    const report = frozen.json;
    expect(report).toMatchObject({ month, version: 1, reason: null, supersedes: null, publishedBy: 'dispatcher', inputs: { cases: 8 } });
    const again = await recount(Date.parse(report.inputs.computedAt));
    expect(report.figures.cases).toBe(again.cases);
    expect(report.figures.excluded).toBe(1);
    expect(report.figures.unassigned).toBe(1);
    expect(countsIn(report.figures.district)).toEqual(again.units.district);
    for (const u of report.figures.units) expect(countsIn(u.rates), u.unit).toEqual(again.units[u.unit]);
    expect(report.figures.units.map((u: { unit: string }) => u.unit).sort()).toEqual(Object.keys(again.units).filter((k) => k !== 'district').sort());
    // Rates from the counts, 0.9 for 基本满意: (1 + 0.9) / 2 followed up = 950‰; 1 solved of 2 = 500‰.
    const row = report.figures.units.find((u: { unit: string }) => u.unit === communityUnit());
    expect(row.rates).toMatchObject({ followedUp: 2, satisfactionPermille: 950, resolutionPermille: 500 });
    expect(row).toMatchObject({ kind: 'community', rank: 1, ranked: 1 });
    expect(report.weights).toEqual({ response: 0.1, onTime: 0, resolution: 0.5, satisfaction: 0.4 });
  });

  it('keeps the live dashboard equal to the same counts once the events are through', async () => {
    const frozen = (await call(district, 'GET', `/api/appeals/monthly/${month}`, { token: admin })).json.figures;
    const live = await eventually(async () => {
      const res = await call(district, 'GET', `/api/appeals/dashboard?month=${month}`, { token: department });
      expect(res.status, res.text).toBe(200);
      return JSON.stringify(countsIn(res.json.district.rates)) === JSON.stringify(countsIn(frozen.district)) ? res.json : null;
    });
    expect(live.district.cases).toBe(8);
    expect(live.district.stages).toMatchObject({ waiting: 1, excluded: 1 });
    for (const u of frozen.units) expect(countsIn(live.units.find((x: { unit: string }) => x.unit === u.unit).rates)).toEqual(countsIn(u.rates));
    const bad = await call(district, 'GET', '/api/appeals/dashboard?month=2026-13', { token: admin, lang: 'en' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields[0]).toMatchObject({ path: 'query.month' });
  });

  it('corrects a month only with a reason and a change, keeps every version, and sums a quarter from its months', async () => {
    const noReason = await call(district, 'POST', `/api/appeals/monthly/${month}`, { token: admin, body: {} });
    expect(noReason.status).toBe(400);
    expect(noReason.json.error.fields).toEqual([{ path: 'body.reason', reason: expect.any(String) }]);
    const unchanged = await call(district, 'POST', `/api/appeals/monthly/${month}`, { token: admin, body: { reason: '复核无变化' } });
    expect(unchanged.status).toBe(409);
    expect(unchanged.json.error.code).toBe('unchanged');
    // A unit cannot freeze or correct the report.
    expect((await call(district, 'POST', `/api/appeals/monthly/${month}`, { token: community, body: { reason: '社区自行更正' } })).status).toBe(403);
    // A late follow-up: the correction says what changed and why, with a phone number in the reason masked when shown.
    expect((await step(district, hotline, replied, { kind: 'follow_up', solved: true, satisfaction: 'basic' })).status).toBe(200);
    const corrected = await call(district, 'POST', `/api/appeals/monthly/${month}`, { token: admin, body: { reason: '补录回访结果，来电人13800138000确认' } });
    expect(corrected.status, corrected.text).toBe(201);
    expect(corrected.json).toMatchObject({ version: 2, supersedes: 1 });
    expect(corrected.json.changes).toContainEqual({ scope: 'unit', key: communityUnit(), name: expect.any(String), field: 'followedUp', from: 2, to: 3 });
    const versions = await call(district, 'GET', `/api/appeals/monthly/${month}`, { token: community });
    expect(versions.json.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(versions.json.versions[1].reason).not.toContain('13800138000');
    const first = await call(district, 'GET', `/api/appeals/monthly/${month}?version=1`, { token: community });
    expect(first.json.figures.units.find((u: { unit: string }) => u.unit === communityUnit()).rates.followedUp).toBe(2);
    expect((await call(district, 'GET', `/api/appeals/monthly/${month}?version=3`, { token: admin })).status).toBe(404);
    // The quarter holding the month: its counts summed from the months frozen (one here), the others named as missing.
    const quarter = `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5)) - 1) / 3) + 1}`;
    const q = await call(district, 'GET', `/api/appeals/monthly/${quarter}`, { token: admin });
    expect(q.status, q.text).toBe(200);
    expect(q.json.months).toHaveLength(3);
    expect(q.json.complete).toBe(false);
    expect(q.json.months.find((m: { month: string }) => m.month === month).version).toBe(2);
    expect(countsIn(q.json.figures.district)).toEqual(countsIn(corrected.json.figures.district));
    // The spreadsheet: a row per unit and the district's, percentages with one decimal.
    const csv = await call(district, 'GET', `/api/appeals/monthly/${month}?format=csv`, { token: admin });
    expect(csv.status).toBe(200);
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^period,version,kind,unit_id,unit,rank/);
    expect(lines).toHaveLength(1 + corrected.json.figures.units.length + 1);
    expect(lines.at(-1)).toMatch(new RegExp(`^${month},2,全区,district,全区,,,8,7,`));
    const list = await call(district, 'GET', '/api/appeals/monthly', { token: community });
    expect(list.json.months.find((m: { month: string }) => m.month === month)).toMatchObject({ version: 2, cases: 8 });
  });

  it('shows the public the rates per street and the counts by category, and nothing of a case, a caller or a unit’s ranking', async () => {
    const res = await call(district, 'GET', `/api/public/appeals/figures?month=${month}`);
    expect(res.status, res.text).toBe(200);
    expect(res.json.month).toBe(month);
    expect(res.json.figures.streets.map((s: { streetId: string }) => s.streetId)).toEqual([anqing.streetId]);
    expect(res.json.figures.categories).toEqual([{ code: 'property', name: expect.any(String), cases: 7 }]);
    expect(res.json.figures).not.toHaveProperty('units');
    // Corrected, and the public reads that it was, not the staff's reason (which may name someone).
    expect(res.json.figures).toMatchObject({ version: 2, corrected: true });
    expect(res.json.figures).not.toHaveProperty('reason');
    expect(res.text).not.toContain('补录回访结果');
    for (const secret of ['13800138000', '电梯停运', 'dep-zhujian', '来电人13800138000']) expect(res.text).not.toContain(secret);
    expect((await call(district, 'GET', '/api/public/appeals/figures?month=2019-01')).status).toBe(404);
  });
});
