// Ratings over HTTP against the local district: one submission per household under a race,
// idempotent retries, refusals that store nothing, live figures that follow the records
// whatever the delivery order, poison messages, publication from records, corrections,
// public notices and open data, and the rebuild.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { call, eventually, testDistrict } from '../support/district.ts';
import { createCampaign, withRegister } from '../support/codes.ts';
import { answers, compoundWithItems, households, type Household } from '../support/ratings.ts';
import { queueDepth, shortQueue } from '../support/queues.ts';
import type { LocalDistrict } from '../../infra/local/district.ts';
import { demoDistrict } from '../../infra/local/demo-district.ts';
import { pollQueue, type SqsHandler } from '../../infra/local/queues.ts';
import { lambdaContext } from '../../infra/local/lambda-context.ts';
import { queues } from '../../functions/manifest.ts';
import { keys } from '../../functions/lib/keys.ts';
import { contribution, figures, sumCounters } from '../../shared/ratings/aggregate.ts';
import { DEFAULT_QUESTIONNAIRE } from '../../shared/ratings/questionnaire.ts';

const d = demoDistrict();
const compound = compoundWithItems(d, 0);
const other = compoundWithItems(d, 1);
const items = compound.contract!.serviceItems;
const CAMPAIGN = 'r-main';

let district: LocalDistrict;
let admin: string;
let homes: Household[];
const submitted = new Map<string, ReturnType<typeof answers>>();

const submit = (h: Household, body: unknown) => call(district, 'PUT', '/api/resident/rating', { token: h.token, body });
const unitKey = (h: { building: string; unit: string }) => `${h.building}#${h.unit}`;

async function liveCounters(compoundId: string) {
  const { Item } = await district.doc.send(new GetCommand({ TableName: district.tableName, Key: keys.liveFigures(CAMPAIGN, compoundId), ConsistentRead: true }));
  const { countersOf } = await import('../../functions/ratings/live-store.ts');
  return Item ? countersOf(Item) : {};
}
const canonical = (c: Record<string, number>) => JSON.stringify(Object.entries(c).sort(([a], [b]) => a.localeCompare(b)));
const expectedCounters = () => sumCounters([...submitted.values()].map((a) => contribution(DEFAULT_QUESTIONNAIRE, a)));

beforeAll(async () => {
  district = await testDistrict({ seed: 'structure' });
  admin = await district.auth.issue('admin');
  await withRegister(district, admin, compound, 40);
  await withRegister(district, admin, other, 6);
  await createCampaign(district, admin, CAMPAIGN, [compound.id, other.id]);
  homes = await households(district, admin, compound.id, CAMPAIGN);
}, 60_000);
afterAll(async () => district?.stop());

describe('the resident form', () => {
  it('shows this household its compound\'s contract items and the six dimensions', async () => {
    const res = await call(district, 'GET', '/api/resident/rating', { token: homes[0]!.token });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ campaign: { id: CAMPAIGN, state: 'open' }, compound: { id: compound.id, name: compound.name }, building: homes[0]!.building, unit: homes[0]!.unit, questionsRev: 1, serviceItems: items, receipt: null });
    expect(res.json.questionnaire.dimensions.map((x: { label: string }) => x.label)).toEqual(['客户服务', '房屋维护', '设施设备', '秩序维护', '环境卫生', '绿化养护']);
  });

  it('stores one submission; the same draft again gets the same receipt; another draft gets 409 with the time of the first', async () => {
    const h = homes[0]!;
    const body = answers(items, 0);
    const first = await submit(h, body);
    expect(first.status).toBe(201);
    submitted.set(unitKey(h), body);
    const retry = await submit(h, body);
    expect(retry.status).toBe(200);
    expect(retry.json).toEqual(first.json);
    const other = await submit(h, { ...body, idempotencyKey: 'another-draft-000001', overall: 'unsatisfied' });
    expect(other.status).toBe(409);
    expect(other.json.error.code).toBe('already_submitted');
    // The time of the first, as a person reads it: Beijing time (the field keeps the instant's meaning).
    const { beijingTime } = await import('../../shared/refusal-words.ts');
    expect(other.json.error.message).toContain(`${beijingTime(first.json.submittedAt)} Beijing time`);
    const form = await call(district, 'GET', '/api/resident/rating', { token: h.token });
    expect(form.json.receipt).toEqual(first.json);
  });

  it('refuses bad answers with the field and the reason, and stores nothing', async () => {
    const h = homes[1]!;
    const good = answers(items, 1);
    const cases: [string, unknown, number, string][] = [
      ['a score of 6', { ...good, scores: { ...good.scores, service: 6 } }, 400, 'body.scores.service'],
      ['a missing dimension', { ...good, scores: { ...good.scores, greening: undefined } }, 400, 'body.scores.greening'],
      ['an unknown dimension', { ...good, scores: { ...good.scores, parking: 3 } }, 400, 'body.scores.parking'],
      ['one contract answer too few', { ...good, contract: good.contract.slice(1) }, 400, 'body.contract'],
      ['an answer that is not one of the four', { ...good, contract: good.contract.map(() => 'maybe') }, 400, 'body.contract.0'],
      ['an overall that is not one of the three', { ...good, overall: 'great' }, 400, 'body.overall'],
      ['a suggestion over the limit', { ...good, suggestion: '长'.repeat(201) }, 400, 'body.suggestion'],
      ['a short idempotency key', { ...good, idempotencyKey: 'abc' }, 400, 'body.idempotencyKey'],
      ['a float score', { ...good, scores: { ...good.scores, order: 3.5 } }, 400, 'body.scores.order'],
    ];
    for (const [what, body, status, field] of cases) {
      const res = await submit(h, body);
      expect(res.status, what).toBe(status);
      expect(res.json.error.fields.map((f: { path: string }) => f.path), what).toContain(field);
    }
    const stale = await submit(h, { ...good, questionsRev: 2 });
    expect(stale.status).toBe(409);
    expect(stale.json.error.code).toBe('questions_changed');
    const malformed = await call(district, 'PUT', '/api/resident/rating', { token: h.token, rawBody: '{"contract":[', contentType: 'application/json' });
    expect(malformed.status).toBe(400);
    const { Item } = await district.doc.send(new GetCommand({ TableName: district.tableName, Key: keys.ratingSubmission(CAMPAIGN, compound.id, h.building, h.unit), ConsistentRead: true }));
    expect(Item).toBeUndefined();
  });

  it('stores exactly one of 50 concurrent submissions for one household', async () => {
    const h = homes[2]!;
    const bodies = Array.from({ length: 50 }, (_, i) => answers(items, 100 + i, { idempotencyKey: `race-${String(i).padStart(2, '0')}-abcdefghijkl` }));
    const results = await Promise.all(bodies.map((b) => submit(h, b)));
    const created = results.filter((r) => r.status === 201);
    expect(created).toHaveLength(1);
    expect(results.filter((r) => r.status === 409 && r.json.error.code === 'already_submitted')).toHaveLength(49);
    const winner = bodies[results.indexOf(created[0]!)]!;
    submitted.set(unitKey(h), winner);
    const { Item } = await district.doc.send(new GetCommand({ TableName: district.tableName, Key: keys.ratingSubmission(CAMPAIGN, compound.id, h.building, h.unit), ConsistentRead: true }));
    expect(Item).toMatchObject({ idempotencyKey: winner.idempotencyKey, overall: winner.overall });
  });

  it('refuses a staff token on the resident route, and nothing lands on a compound nobody rated', async () => {
    const review = await call(district, 'GET', `/api/ratings/campaigns/${CAMPAIGN}/compounds/${other.id}`, { token: admin });
    expect(review.json.submissions).toHaveLength(0);
    const staffAsResident = await call(district, 'PUT', '/api/resident/rating', { token: admin, body: answers(items, 3) });
    expect(staffAsResident.status).toBe(401);
  });
});

describe('live figures', () => {
  it('follow the stored submissions, on the dashboard', async () => {
    for (const [i, h] of homes.slice(3, 23).entries()) {
      const body = answers(items, i + 3);
      expect((await submit(h, body)).status).toBe(201);
      submitted.set(unitKey(h), body);
    }
    await eventually(async () => canonical(await liveCounters(compound.id)) === canonical(expectedCounters()) || null);
    const dash = await call(district, 'GET', `/api/ratings/campaigns/${CAMPAIGN}`, { token: admin });
    const row = dash.json.compounds.find((c: { compoundId: string }) => c.compoundId === compound.id);
    const want = figures(DEFAULT_QUESTIONNAIRE, items, expectedCounters(), 40);
    expect(row).toMatchObject({ respondents: submitted.size, households: 40, satisfactionPermille: want.quality.satisfactionPermille, performancePermille: want.contract.performancePermille, participationPermille: want.quality.participationPermille });
  });

  it('are unchanged by the same batch delivered twice, in reverse, and with duplicates', async () => {
    const { handler } = await import('../../functions/ratings/on-rating-event.ts');
    const before = await liveCounters(compound.id);
    const events = [...submitted.keys()].map((k, i) => {
      const [building, unit] = k.split('#');
      return { messageId: `m${i}`, receiptHandle: `r${i}`, body: JSON.stringify({ type: 'rating.submitted', v: 1, eventId: `e${i}`, campaignId: CAMPAIGN, compoundId: compound.id, building, unit }), attributes: {}, messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn', awsRegion: 'us-east-1' };
    });
    const ctx = lambdaContext('ratings', 30);
    for (const batch of [events, [...events].reverse(), [...events, ...events.map((e) => ({ ...e, messageId: `${e.messageId}-dup` }))]]) {
      const out = await handler({ Records: batch } as never, ctx);
      expect(out.batchItemFailures).toEqual([]);
      expect(await liveCounters(compound.id)).toEqual(before);
    }
    expect(before).toEqual(expectedCounters());
  });

  it('send a poison message to the DLQ while the rest of its batch lands', async () => {
    const { handler } = await import('../../functions/ratings/on-rating-event.ts');
    const { main, dlq, def } = await shortQueue(district, queues.ratingEvents, 'rating-poison');
    const client = district.queues.client;
    const h = homes[23]!;
    const body = answers(items, 23);
    // The district's own queue delivers this submission's event too: counted once either way.
    expect((await submit(h, body)).status).toBe(201);
    submitted.set(unitKey(h), body);
    const good = JSON.stringify({ type: 'rating.submitted', v: 1, eventId: 'p-good', campaignId: CAMPAIGN, compoundId: compound.id, building: h.building, unit: h.unit });
    const bad = [JSON.stringify({ type: 'rating.submitted', v: 1, eventId: 'p-bad', campaignId: CAMPAIGN }), '{{{'];
    for (const MessageBody of [bad[0]!, good, bad[1]!]) await client.send(new SendMessageCommand({ QueueUrl: main, MessageBody }));
    const poller = pollQueue(client, main, def, async () => handler as unknown as SqsHandler, () => undefined);
    try {
      await eventually(async () => (await queueDepth(district, dlq)) === 2 || null, 20_000);
      await eventually(async () => (await queueDepth(district, main)) === 0 || null, 10_000);
    } finally {
      await poller.stop();
    }
    const inDlq = await client.send(new ReceiveMessageCommand({ QueueUrl: dlq, MaxNumberOfMessages: 10 }));
    expect(inDlq.Messages!.map((m) => m.Body).sort()).toEqual([...bad].sort());
    await eventually(async () => canonical(await liveCounters(compound.id)) === canonical(expectedCounters()) || null);
  });

  it('take an excluded submission out and put it back when reinstated; both audited', async () => {
    const h = homes[3]!;
    const path = `/api/ratings/campaigns/${CAMPAIGN}/compounds/${compound.id}/exclusions`;
    const noReason = await call(district, 'POST', path, { token: admin, body: { building: h.building, unit: h.unit, reason: '' } });
    expect(noReason.status).toBe(400);
    expect(noReason.json.error.fields[0].path).toBe('body.reason');
    const out = await call(district, 'POST', path, { token: admin, body: { building: h.building, unit: h.unit, reason: '同一住户重复提交（电话核实）' } });
    expect(out.status).toBe(200);
    const without = sumCounters([...submitted].filter(([k]) => k !== unitKey(h)).map(([, a]) => contribution(DEFAULT_QUESTIONNAIRE, a)));
    await eventually(async () => canonical(await liveCounters(compound.id)) === canonical(without) || null);
    const twice = await call(district, 'POST', path, { token: admin, body: { building: h.building, unit: h.unit, reason: '同一住户重复提交（电话核实）' } });
    expect(twice.status).toBe(409);
    const back = await call(district, 'POST', path, { token: admin, body: { building: h.building, unit: h.unit, reason: '核实为有效提交', exclude: false } });
    expect(back.status).toBe(200);
    await eventually(async () => canonical(await liveCounters(compound.id)) === canonical(expectedCounters()) || null);
    const audit = await call(district, 'GET', `/api/audit?target=campaign:${CAMPAIGN}:${compound.id}`, { token: admin });
    expect(audit.json.entries.map((e: { action: string }) => e.action).sort()).toEqual(['rating.exclude', 'rating.reinstate']);
  });
});

describe('publication', () => {
  let v1: any;

  it('refuses to publish while the campaign is open', async () => {
    const res = await call(district, 'POST', `/api/ratings/campaigns/${CAMPAIGN}/compounds/${compound.id}/notices`, { token: admin, body: {} });
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe('not_closed');
  });

  it('publishes both notices from the stored submissions after close, with their input counts', async () => {
    const closed = await call(district, 'POST', `/api/ratings/campaigns/${CAMPAIGN}/close`, { token: admin });
    expect(closed.status).toBe(200);
    const res = await call(district, 'POST', `/api/ratings/campaigns/${CAMPAIGN}/compounds/${compound.id}/notices`, { token: admin, body: {} });
    expect(res.status).toBe(201);
    v1 = res.json;
    const want = figures(DEFAULT_QUESTIONNAIRE, items, expectedCounters(), 40);
    expect(v1.figures).toEqual(want);
    expect(v1.inputs).toEqual({ submissions: submitted.size, excluded: 0, counted: submitted.size, households: 40, registerVersion: 1 });
    expect(v1.figures.quality.belowFloor).toBe(submitted.size * 100 < 30 * 40);
    expect(v1.company).toEqual({ id: compound.contract!.companyId, name: d.companies.find((c) => c.id === compound.contract!.companyId)!.name });
    // Nothing about households reaches a notice.
    for (const h of homes) expect(JSON.stringify(v1)).not.toContain(`"${h.unit}"`);
    expect(JSON.stringify(v1)).not.toContain('13912345678');
    expect(JSON.stringify(v1)).not.toContain('意见');
  });

  it('refuses a late submission and leaves the notice unchanged', async () => {
    const late = await submit(homes[30]!, answers(items, 30));
    expect(late.status).toBe(409);
    expect(late.json.error.code).toBe('campaign_closed');
    const again = await call(district, 'POST', `/api/ratings/campaigns/${CAMPAIGN}/compounds/${compound.id}/notices`, { token: admin, body: { reason: '复核后重新发布' } });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('unchanged');
    const pub = await call(district, 'GET', `/api/public/ratings/${CAMPAIGN}/compounds/${compound.id}`);
    expect(pub.json.notice).toEqual(v1);
  });

  it('matches the records on rebuild, and finds and repairs tampered live figures', async () => {
    const { rebuildRatings } = await import('../../functions/ratings/rebuild.ts');
    const clean = await rebuildRatings({ campaignId: CAMPAIGN });
    expect(clean.differences).toEqual([]);
    expect(clean.notices).toBe(1);
    await district.doc.send(new PutCommand({ TableName: district.tableName, Item: { ...keys.liveFigures(CAMPAIGN, compound.id), et: 'live-figures', campaignId: CAMPAIGN, compoundId: compound.id, k_n: 999 } }));
    const found = await rebuildRatings({ campaignId: CAMPAIGN, apply: true });
    expect(found.differences.map((x) => `${x.kind}:${x.compoundId}`)).toEqual([`live:${compound.id}`]);
    expect(await liveCounters(compound.id)).toEqual(expectedCounters());
    expect((await rebuildRatings({ campaignId: CAMPAIGN })).differences).toEqual([]);
  });

  it('publishes a correction that says why and what changed; the first version stays readable', async () => {
    const h = homes[5]!;
    const noReasonYet = await call(district, 'POST', `/api/ratings/campaigns/${CAMPAIGN}/compounds/${compound.id}/notices`, { token: admin, body: {} });
    expect(noReasonYet.status).toBe(400);
    await call(district, 'POST', `/api/ratings/campaigns/${CAMPAIGN}/compounds/${compound.id}/exclusions`, { token: admin, body: { building: h.building, unit: h.unit, reason: '非本小区业主代填' } });
    const { rebuildRatings } = await import('../../functions/ratings/rebuild.ts');
    const stale = await rebuildRatings({ campaignId: CAMPAIGN });
    expect(stale.differences.filter((x) => x.kind === 'notice')).toHaveLength(1);
    const v2 = await call(district, 'POST', `/api/ratings/campaigns/${CAMPAIGN}/compounds/${compound.id}/notices`, { token: admin, body: { reason: '剔除一份代填问卷' } });
    expect(v2.status).toBe(201);
    expect(v2.json).toMatchObject({ version: 2, supersedes: 1, reason: '剔除一份代填问卷', inputs: { excluded: 1, counted: submitted.size - 1 } });
    expect(v2.json.changes).toContainEqual({ what: 'quality.respondents', before: submitted.size, after: submitted.size - 1 });
    const latest = await call(district, 'GET', `/api/public/ratings/${CAMPAIGN}/compounds/${compound.id}`);
    expect(latest.json.notice.version).toBe(2);
    expect(latest.json.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    const first = await call(district, 'GET', `/api/public/ratings/${CAMPAIGN}/compounds/${compound.id}?version=1`);
    expect(first.json.notice).toEqual(v1);
    // The exclusion's event reaches the live figures through the queue: once it has, nothing differs.
    await eventually(async () => (await rebuildRatings({ campaignId: CAMPAIGN })).differences.length === 0 || null, 30_000);
  });

  it('shows the district table, and the same figures as open data in JSON and CSV', async () => {
    await call(district, 'POST', `/api/ratings/campaigns/${CAMPAIGN}/compounds/${other.id}/notices`, { token: admin, body: {} });
    const summary = await call(district, 'GET', `/api/public/ratings/${CAMPAIGN}`);
    expect(summary.status).toBe(200);
    expect(summary.json.compounds).toHaveLength(2);
    expect(summary.json.companies[0]).toMatchObject({ rank: 1 });
    const json = await call(district, 'GET', `/api/public/ratings/${CAMPAIGN}/open-data`);
    const latest = await call(district, 'GET', `/api/public/ratings/${CAMPAIGN}/compounds/${compound.id}`);
    expect(json.json.notices.find((n: { compoundId: string }) => n.compoundId === compound.id)).toEqual(latest.json.notice);
    const csv = await call(district, 'GET', `/api/public/ratings/${CAMPAIGN}/open-data?format=csv`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toHaveLength(3);
    const head = lines[0]!.split(',');
    const row = lines.find((l) => l.includes(compound.id))!.split(',');
    const q = latest.json.notice.figures.quality;
    expect(row[head.indexOf('respondents')]).toBe(String(q.respondents));
    expect(row[head.indexOf('satisfaction_pct')]).toBe((q.satisfactionPermille / 10).toFixed(1));
    const listed = await call(district, 'GET', '/api/public/ratings');
    expect(listed.json.campaigns.map((c: { id: string }) => c.id)).toContain(CAMPAIGN);
    const bad = await call(district, 'GET', `/api/public/ratings/${CAMPAIGN}/open-data?format=xlsx`);
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields[0].path).toBe('query.format');
  });
});

describe('campaigns', () => {
  it('fix their questions once open; the closing time can still move until publication', async () => {
    const id = 'r-frozen';
    const made = await createCampaign(district, admin, id, [other.id]);
    const get = await call(district, 'GET', `/api/ratings/campaigns/${id}`, { token: admin });
    const c = get.json.campaign;
    const base = { title: c.title, period: c.period, issuer: c.issuer, templateId: c.templateId, opensAt: c.opensAt, closesAt: c.closesAt, compoundIds: c.compoundIds, rev: made.rev };
    const more = await call(district, 'PUT', `/api/ratings/campaigns/${id}`, { token: admin, body: { ...base, compoundIds: [other.id, compound.id] } });
    expect(more.status).toBe(409);
    expect(more.json.error.code).toBe('campaign_open');
    const later = new Date(Date.parse(c.closesAt) + 86_400_000).toISOString();
    const extended = await call(district, 'PUT', `/api/ratings/campaigns/${id}`, { token: admin, body: { ...base, closesAt: later } });
    expect(extended.status).toBe(200);
    expect(extended.json).toMatchObject({ closesAt: later, qrev: 1, rev: 2 });
    const stale = await call(district, 'PUT', `/api/ratings/campaigns/${id}`, { token: admin, body: { ...base, closesAt: later } });
    expect(stale.status).toBe(409);
    expect(stale.json.error.code).toBe('stale_revision');
  });

  it('refuse a rating code for a campaign that does not ask the compound, or outlives it', async () => {
    const notAsked = await call(district, 'POST', `/api/registry/compounds/${compound.id}/codes`, { token: admin, body: { purpose: { kind: 'rating', id: 'r-frozen', title: 'x 评价' }, expiresAt: new Date(Date.now() + 86_400_000).toISOString() } });
    expect(notAsked.status).toBe(400);
    expect(notAsked.json.error.fields[0].path).toBe('body.purpose.id');
    const tooLong = await call(district, 'POST', `/api/registry/compounds/${other.id}/codes`, { token: admin, body: { purpose: { kind: 'rating', id: 'r-frozen', title: 'x 评价' }, expiresAt: new Date(Date.now() + 60 * 86_400_000).toISOString() } });
    expect(tooLong.status).toBe(400);
    expect(tooLong.json.error.fields[0].path).toBe('body.expiresAt');
  });

  it('are only for staff whose scope holds every compound', async () => {
    const jinkouStaff = await district.auth.issue('jinkou');
    const body = { title: '越权评价活动', period: '2027年', issuer: '金口路社区', templateId: 'standard', opensAt: new Date(Date.now() + 86_400_000).toISOString(), closesAt: new Date(Date.now() + 2 * 86_400_000).toISOString(), compoundIds: [compound.id] };
    const mine = d.communities.find((c) => c.name === '金口路社区')!;
    const res = await call(district, 'PUT', '/api/ratings/campaigns/r-scope', { token: jinkouStaff, body });
    expect(res.status).toBe(compound.communityId === mine.id ? 201 : 403);
    const unknown = await call(district, 'PUT', '/api/ratings/campaigns/r-unknown', { token: admin, body: { ...body, compoundIds: ['p9999'] } });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.fields[0]).toEqual({ path: 'body.compoundIds', reason: 'p9999 is not a compound of this district' });
  });
});
