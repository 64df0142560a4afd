// Owner votes over HTTP against the local district: announcing (notice period, pinned
// register), one vote per owner whatever the channel (race, retries, same buyer's second
// unit, proxy then online), paper sheets keyed twice, the committee's gauge without choices,
// a result frozen at close that nothing changes afterwards, the bulletin, and the export
// recounted by the same rules to the same result.
import type { StaffRole } from '../../shared/access.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeleteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { call, testDistrict } from '../support/district.ts';
import { households, type Household } from '../support/ratings.ts';
import { issue } from '../support/codes.ts';
import { announce, closingTimeArrives } from '../support/votes.ts';
import type { LocalDistrict } from '../../infra/local/district.ts';
import { demoDistrict, demoRegisterRows, rowsToCsv } from '../../infra/local/demo-district.ts';
import { keys } from '../../functions/lib/keys.ts';
import { recount } from '../../shared/votes/recount.ts';
import { votingRegister } from '../../shared/votes/register.ts';
import type { RegisterRow } from '../../shared/registry/register.ts';
import { maskName } from '../../shared/privacy.ts';

const d = demoDistrict();
const compound = d.compounds.filter((c) => c.communityId === d.communities.find((x) => x.name === '金口路社区')!.id)[1]!;
const bare = d.compounds.filter((c) => c.communityId === compound.communityId)[2]!;

/** 12 units: units 0 and 1 belong to one buyer; units 10 and 11 are the developer's unsold units. */
function registerRows(): RegisterRow[] {
  const rows = demoRegisterRows(compound).slice(0, 12).map((r, i) => ({ ...r, developerUnsold: i >= 10, ownerRef: `Y${String(i).padStart(3, '0')}` }));
  rows[1] = { ...rows[1]!, ownerRef: rows[0]!.ownerRef, ownerName: rows[0]!.ownerName, phone: rows[0]!.phone };
  return rows;
}
const rows = registerRows();
const roll = votingRegister(rows);
const ownerOf = (h: { building: string; unit: string }) => roll.find((u) => u.building === h.building && u.unit === h.unit)!.ownerId;

let district: LocalDistrict;
let admin: string;
let committeeA: string;
let committeeB: string;
let outsider: string;

const base = (ballotId: string) => `/api/votes/compounds/${compound.id}/ballots/${ballotId}`;
const vote = (h: Household, choices: Record<string, string>, key = `key-${h.building}-${h.unit}-${'x'.repeat(16)}`) =>
  call(district, 'PUT', '/api/resident/ballot', { token: h.token, body: { idempotencyKey: key.slice(0, 64).replace(/[^A-Za-z0-9_-]/g, '_'), choices } });
const key = (token: string, ballotId: string, h: { building: string; unit: string }, choices: Record<string, string>, o: { sheetNo?: string; channel?: string } = {}) =>
  call(district, 'POST', `${base(ballotId)}/paper`, { token, body: { building: h.building, unit: h.unit, sheetNo: o.sheetNo ?? `S-${h.unit}`, channel: o.channel ?? 'paper', choices } });
const board = async (ballotId: string, token = committeeA) => (await call(district, 'GET', base(ballotId), { token })).json;
const storedBallot = async (ballotId: string) => (await district.doc.send(new GetCommand({ TableName: district.tableName, Key: keys.ballot(compound.id, ballotId), ConsistentRead: true }))).Item!;

async function staffToken(sub: string, role: string, scopeId: string) {
  return district.auth.sign(district.auth.claimsOf({ sub, name: sub, role: role as StaffRole, scopeId }), Math.floor(Date.now() / 1000) + 3600);
}

beforeAll(async () => {
  // This district announces and votes on the same day; the notice period is tested below by
  // switching the rule back to Qingdao's 15 days.
  district = await testDistrict({ seed: 'structure', voteRules: { announceDays: 0 } });
  admin = await district.auth.issue('admin');
  committeeA = await staffToken('wei-committee', 'committee', compound.id);
  committeeB = await staffToken('li-committee', 'committee', compound.id);
  outsider = await staffToken('other-committee', 'committee', bare.id);
  const res = await call(district, 'POST', `/api/registry/compounds/${compound.id}/register/imports`, { token: admin, body: { mode: 'commit', fileName: 'r.csv', contentBase64: Buffer.from(rowsToCsv(rows)).toString('base64') } });
  expect(res.json?.ok, res.text).toBe(true);
});
afterAll(async () => district?.stop());

describe('announcing a ballot', () => {
  const body = (o: Record<string, unknown> = {}) => ({
    title: '关于选聘物业服务企业的表决',
    matters: [{ id: 'm1', kind: 'ordinary', title: '选聘物业服务企业', text: '选聘青岛海岸物业服务有限公司，合同期三年。' }],
    opensAt: new Date(Date.now() + 86_400_000).toISOString(), closesAt: new Date(Date.now() + 9 * 86_400_000).toISOString(), ...o,
  });

  it('refuses to open sooner than the district\'s notice period (Qingdao: 15 days), naming the earliest day', async () => {
    const before = process.env.VOTE_RULES;
    process.env.VOTE_RULES = JSON.stringify({ announceDays: 15 });
    try {
      const short = await call(district, 'PUT', base('b-notice'), { token: committeeA, body: body({ opensAt: new Date(Date.now() + 14 * 86_400_000).toISOString(), closesAt: new Date(Date.now() + 20 * 86_400_000).toISOString() }) });
      expect(short.status).toBe(400);
      expect(short.json.error.code).toBe('notice_too_short');
      expect(short.json.error.fields[0].path).toBe('body.opensAt');
      // The same refusal to a zh-CN page: the message and the reason in Chinese, the earliest
      // time in Beijing time, the code and the path unchanged.
      const zh = await call(district, 'PUT', base('b-notice'), { token: committeeA, lang: 'zh-CN,zh;q=0.9,en;q=0.5', body: body({ opensAt: new Date(Date.now() + 14 * 86_400_000).toISOString(), closesAt: new Date(Date.now() + 20 * 86_400_000).toISOString() }) });
      expect(zh.json.error).toMatchObject({ code: 'notice_too_short', message: '表决事项须在投票开始 15 日前公告', fields: [{ path: 'body.opensAt' }] });
      expect(zh.json.error.fields[0].reason).toMatch(/^最早 \d{4}-\d\d-\d\d \d\d:\d\d（北京时间）（自今天公告起 15 日）$/);
      // zod's own rules too: a missing title in Chinese.
      const untitled = await call(district, 'PUT', base('b-notice'), { token: committeeA, lang: 'zh-CN', body: body({ title: '' }) });
      expect(untitled.json.error.code).toBe('validation_failed');
      expect(untitled.json.error.message).toBe('填写的内容有误');
      expect(untitled.json.error.fields.find((f: { path: string }) => f.path === 'body.title').reason).toMatch(/[\u4e00-\u9fff]/);
      expect(JSON.stringify(untitled.json.error)).not.toMatch(/Too small|expected/);
      const ok = await call(district, 'PUT', base('b-notice'), { token: committeeA, body: body({ opensAt: new Date(Date.now() + 15 * 86_400_000 + 60_000).toISOString(), closesAt: new Date(Date.now() + 20 * 86_400_000).toISOString() }) });
      expect(ok.status, ok.text).toBe(201);
      expect(ok.json.registerVersion).toBe(1);
      expect(ok.json.totals).toEqual({ areaHundredths: rows.reduce((a, r) => a + r.areaHundredths, 0), heads: 10 });
    } finally {
      process.env.VOTE_RULES = before;
    }
  });

  it('fixes the matters once announced: announcing the same id again is refused', async () => {
    const again = await call(district, 'PUT', base('b-notice'), { token: committeeA, body: body({ title: '改过的标题' }) });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('exists');
    expect((await storedBallot('b-notice')).title).toBe('关于选聘物业服务企业的表决');
  });

  it('publishes the announcement (表决公告) from the moment it is announced: matters in full, kind, window, totals, nothing about anyone', async () => {
    const stored = await storedBallot('b-notice');
    const notice = await call(district, 'GET', `/api/public/ballots/${compound.id}/b-notice/announcement`);
    expect(notice.status, notice.text).toBe(200);
    expect(notice.json).toMatchObject({
      compoundName: compound.name, title: '关于选聘物业服务企业的表决', kind: 'vote', state: 'announced', opensAt: stored.opensAt, closesAt: stored.closesAt,
      announcedAt: stored.announcedAt, registerVersion: 1, totals: stored.totals, withdrawn: null, followMajority: null,
      matters: [{ id: 'm1', kind: 'ordinary', title: '选聘物业服务企业', text: '选聘青岛海岸物业服务有限公司，合同期三年。', attachments: [] }],
    });
    expect(JSON.stringify(notice.json)).not.toMatch(/createdBy|committee-a|"pk"|"sk"/);
    const list = await call(district, 'GET', '/api/public/ballots');
    expect(list.json.announced).toContainEqual(expect.objectContaining({ compoundId: compound.id, ballotId: 'b-notice', title: '关于选聘物业服务企业的表决', withdrawn: false, opensAt: stored.opensAt }));
    // Tried: a ballot that does not exist, and another compound's id with this ballot id.
    expect((await call(district, 'GET', `/api/public/ballots/${compound.id}/no-such/announcement`)).status).toBe(404);
    expect((await call(district, 'GET', `/api/public/ballots/${bare.id}/b-notice/announcement`)).status).toBe(404);
  });

  it('answers bad ballots with 400 naming the field, and stores nothing', async () => {
    const cases: [string, unknown, string][] = [
      ['closing before opening', body({ closesAt: new Date(Date.now() - 86_400_000).toISOString() }), 'body.closesAt'],
      ['a matter kind that is not ordinary or special', body({ matters: [{ id: 'm1', kind: 'major', title: '某事项某事项', text: '一段足够长的事项全文。' }] }), 'body.matters.0.kind'],
      ['two matters with one id', body({ matters: [1, 2].map(() => ({ id: 'm1', kind: 'ordinary', title: '某事项某事项', text: '一段足够长的事项全文。' })) }), 'body.matters'],
      ['no matters', body({ matters: [] }), 'body.matters'],
      ['an attachment that is not a web address', body({ matters: [{ id: 'm1', kind: 'ordinary', title: '某事项某事项', text: '一段足够长的事项全文。', attachments: [{ name: '方案', url: 'javascript:alert(1)' }] }] }), 'body.matters.0.attachments.0.url'],
      ['a register version that does not exist', body({ registerVersion: 9 }), 'body.registerVersion'],
    ];
    for (const [what, b, field] of cases) {
      const res = await call(district, 'PUT', base('b-bad'), { token: committeeA, body: b });
      expect(res.status, what).toBe(400);
      expect(res.json.error.fields.map((f: { path: string }) => f.path), what).toContain(field);
    }
    const noRegister = await call(district, 'PUT', `/api/votes/compounds/${bare.id}/ballots/b-bad`, { token: admin, body: body() });
    expect(noRegister.status).toBe(400);
    expect(noRegister.json.error.code).toBe('no_register');
    expect((await call(district, 'GET', base('b-bad'), { token: committeeA })).status).toBe(404);
  });

  it('ballot codes name an announced ballot and expire by its close', async () => {
    const unknown = await call(district, 'POST', `/api/registry/compounds/${compound.id}/codes`, { token: admin, body: { purpose: { kind: 'ballot', id: 'no-such-ballot', title: '不存在的表决' }, expiresAt: new Date(Date.now() + 86_400_000).toISOString() } });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.fields[0].path).toBe('body.purpose.id');
    const late = await call(district, 'POST', `/api/registry/compounds/${compound.id}/codes`, { token: admin, body: { purpose: { kind: 'ballot', id: 'b-notice', title: '选聘物业表决' }, expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString() } });
    expect(late.status).toBe(400);
    expect(late.json.error.fields[0].path).toBe('body.expiresAt');
  });

  it('a committee issues and reissues codes for its own ballots, never rating codes', async () => {
    const codes = `/api/registry/compounds/${compound.id}/codes`;
    await announce(district, committeeA, compound.id, 'b-committee-codes', { wait: false, opensInMs: 120_000 });
    const expiresAt = (await storedBallot('b-committee-codes')).closesAt as string;
    const mine = await call(district, 'POST', codes, { token: committeeA, body: { purpose: { kind: 'ballot', id: 'b-committee-codes', title: '业委会发码' }, expiresAt } });
    expect(mine.status, mine.text).toBe(201);
    expect(mine.json.letters).toHaveLength(rows.length);
    const l = mine.json.letters[0];
    const reissued = await call(district, 'POST', `${codes}/revoke`, { token: committeeA, body: { purposeId: 'b-committee-codes', building: l.building, unit: l.unit, reissue: true } });
    expect(reissued.status, reissued.text).toBe(200);
    // Tried: the committee issuing, and reissuing, rating codes for the same compound.
    const rating = await issue(district, admin, compound.id, { kind: 'rating', id: 'r-committee', title: '物业服务评价' });
    const refused = await call(district, 'POST', codes, { token: committeeA, body: { purpose: { kind: 'rating', id: 'r-committee', title: '物业服务评价' }, expiresAt: new Date(Date.now() + 86_400_000).toISOString(), units: 'all' } });
    expect(refused.status).toBe(403);
    const r = rating.letters[0]!;
    expect((await call(district, 'POST', `${codes}/revoke`, { token: committeeA, body: { purposeId: 'r-committee', building: r.building, unit: r.unit, reissue: true } })).status).toBe(403);
    // The rating letters printed by staff still work, and which households used them is not the committee's to see.
    expect((await call(district, 'POST', '/api/auth/household', { body: { code: r.code } })).status).toBe(200);
    expect((await call(district, 'GET', `${codes}?purposeId=r-committee`, { token: committeeA })).status).toBe(403);
    expect((await call(district, 'GET', `${codes}?purposeId=r-committee`, { token: admin })).status).toBe(200);
  });

  it('is the committee\'s own compound only', async () => {
    expect((await call(district, 'GET', base('b-notice'), { token: outsider })).status).toBe(403);
  });
});

describe('one vote per owner', () => {
  const B = 'b-main';
  let homes: Household[];
  const home = (i: number) => homes.find((h) => h.building === rows[i]!.building && h.unit === rows[i]!.unit)!;

  beforeAll(async () => {
    await announce(district, committeeA, compound.id, B);
    homes = await households(district, admin, compound.id, B, 'ballot');
  });

  it('shows the owner the matters and what their vote carries (all units of the same buyer, one head)', async () => {
    const res = await call(district, 'GET', '/api/resident/ballot', { token: home(0).token });
    expect(res.status, res.text).toBe(200);
    expect(res.json.ballot.matters.map((m: { id: string }) => m.id)).toEqual(['m1', 'm2']);
    expect(res.json.owner).toEqual({ units: 2, areaHundredths: rows[0]!.areaHundredths + rows[1]!.areaHundredths });
    expect(res.json.vote).toBeNull();
  });

  it('refuses bad choices with 400 and stores nothing', async () => {
    const cases: [string, Record<string, string>][] = [['an unknown matter', { m9: 'agree' }], ['nothing chosen', {}], ['a choice that is not one', { m1: 'yes' }]];
    for (const [what, choices] of cases) {
      const res = await vote(home(2), choices);
      expect(res.status, what).toBe(400);
      expect(res.json.error.fields.length, what).toBeGreaterThan(0);
    }
    expect((await storedBallot(B)).voteCount).toBe(0);
  });

  it('50 concurrent votes from one owner: one counted, 49 refused', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => vote(home(2), { m1: i % 2 ? 'agree' : 'disagree', m2: 'abstain' }, `race-${i}-${'r'.repeat(16)}`)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    expect(results.filter((r) => r.status === 409).every((r) => r.json.error.code === 'already_voted')).toBe(true);
    expect((await storedBallot(B)).voteCount).toBe(1);
  });

  it('a retry of the same draft gets the same receipt; the form shows it after a reload', async () => {
    const first = await vote(home(3), { m1: 'agree', m2: 'agree' });
    expect(first.status).toBe(201);
    expect(first.json.receipt).toMatch(/^[3-9A-Y]{5}-[3-9A-Y]{5}$/);
    const retry = await vote(home(3), { m1: 'agree', m2: 'agree' });
    expect(retry.status).toBe(200);
    expect(retry.json.receipt).toBe(first.json.receipt);
    const form = await call(district, 'GET', '/api/resident/ballot', { token: home(3).token });
    expect(form.json.vote.receipt.receipt).toBe(first.json.receipt);
  });

  it('the same buyer\'s second unit cannot vote again: refused and listed as a conflict', async () => {
    expect((await vote(home(0), { m1: 'agree' })).status).toBe(201);
    const second = await vote(home(1), { m1: 'disagree' });
    expect(second.status).toBe(409);
    expect(second.json.error.code).toBe('already_voted');
    const b = await board(B);
    expect(b.conflicts.some((c: { unit: string; channel: string }) => c.unit === rows[1]!.unit && c.channel === 'online')).toBe(true);
  });

  it('once voting is open, a lost letter is reissued by staff, never by the committee (who could vote in the owner\'s place)', async () => {
    const codes = `/api/registry/compounds/${compound.id}/codes`;
    const h = home(5);
    const byCommittee = await call(district, 'POST', `${codes}/revoke`, { token: committeeA, body: { purposeId: B, building: h.building, unit: h.unit, reissue: true } });
    expect(byCommittee.status).toBe(403);
    expect(byCommittee.json.error.message).toContain('community, street or district staff');
    expect((await call(district, 'POST', codes, { token: committeeA, body: { purpose: { kind: 'ballot', id: B, title: B }, expiresAt: new Date(Date.now() + 86_400_000).toISOString(), units: 'all' } })).status).toBe(403);
    // The owner's letter still works; the committee can still follow who has signed in.
    expect((await call(district, 'GET', '/api/resident/ballot', { token: h.token })).status).toBe(200);
    expect((await call(district, 'GET', `${codes}?purposeId=${B}`, { token: committeeA })).status).toBe(200);
    const byStaff = await call(district, 'POST', `${codes}/revoke`, { token: admin, body: { purposeId: B, building: h.building, unit: h.unit, reissue: true } });
    expect(byStaff.status, byStaff.text).toBe(200);
  });

  it('a household that keeps trying with its token is told the same each time and listed once', async () => {
    // Tried: the same refused unit sends five more drafts with the token it still holds.
    for (let i = 0; i < 5; i++) {
      const again = await vote(home(1), { m1: i % 2 ? 'agree' : 'disagree' }, `again-${i}-${'y'.repeat(16)}`);
      expect(again.status).toBe(409);
      expect(again.json.error.code).toBe('already_voted');
    }
    const listed = (await board(B)).conflicts.filter((c: { unit: string; channel: string }) => c.unit === rows[1]!.unit && c.channel === 'online');
    expect(listed).toHaveLength(1);
  });

  it('a paper sheet keyed twice by two people is recorded; the same person twice is refused; a mismatch is held', async () => {
    const h = rows[4]!;
    expect((await key(committeeA, B, h, { m1: 'agree', m2: 'disagree' })).status).toBe(202);
    const same = await key(committeeA, B, h, { m1: 'agree', m2: 'disagree' });
    expect(same.status).toBe(409);
    expect(same.json.error.code).toBe('same_user');
    const ok = await key(committeeB, B, h, { m1: 'agree', m2: 'disagree' });
    expect(ok.status, ok.text).toBe(201);
    expect(ok.json.status).toBe('recorded');

    const m = rows[5]!;
    expect((await key(committeeA, B, m, { m1: 'agree' })).status).toBe(202);
    const mismatch = await key(committeeB, B, m, { m1: 'disagree' });
    expect(mismatch.status).toBe(409);
    expect(mismatch.json.error.code).toBe('sheet_mismatch');
    const held = (await board(B)).paperSheets.find((s: { unit: string }) => s.unit === m.unit);
    expect(held.status).toBe('held');
    expect(held.keyings.map((k: { choices: Record<string, string> }) => k.choices.m1)).toEqual(['agree', 'disagree']);
    expect((await key(committeeA, B, m, { m1: 'agree' })).status).toBe(409);
    expect((await storedBallot(B)).pendingPaper).toBe(1);
  });

  it('a written proxy votes once for the owner; the owner\'s online vote is then a conflict; the cap holds', async () => {
    const owner = rows[6]!;
    const proxy = { proxyName: '王建国', proxyIdTail: '12345X', documentRef: 'WT-001' };
    const noProxy = await key(committeeA, B, owner, { m1: 'agree' }, { channel: 'proxy' });
    expect(noProxy.status).toBe(400);
    expect(noProxy.json.error.code).toBe('no_proxy');
    expect((await call(district, 'POST', `${base(B)}/proxies`, { token: committeeA, body: { building: owner.building, unit: owner.unit, ...proxy } })).status).toBe(201);
    expect((await key(committeeA, B, owner, { m1: 'disagree', m2: 'disagree' }, { channel: 'proxy' })).status).toBe(202);
    expect((await key(committeeB, B, owner, { m1: 'disagree', m2: 'disagree' }, { channel: 'proxy' })).status).toBe(201);
    const online = await vote(home(6), { m1: 'agree' });
    expect(online.status).toBe(409);
    expect(online.json.error.fields[0].reason).toContain('proxy');
    const b = await board(B);
    expect(b.tookPart.filter((t: { ownerId: string }) => t.ownerId === ownerOf(owner))).toHaveLength(1);
    expect(b.conflicts.some((c: { unit: string; first: { channel: string } }) => c.unit === owner.unit && c.first.channel === 'proxy')).toBe(true);
    expect(b.proxies[0].proxy).toBe(maskName('王建国'));
    expect(JSON.stringify(b.proxies)).not.toContain('王建国');

    // The same person (name and ID tail) may hold at most 3 proxies (the district's cap).
    for (const i of [7, 8]) expect((await call(district, 'POST', `${base(B)}/proxies`, { token: committeeA, body: { building: rows[i]!.building, unit: rows[i]!.unit, ...proxy, documentRef: `WT-00${i}` } })).status).toBe(201);
    const over = await call(district, 'POST', `${base(B)}/proxies`, { token: committeeA, body: { building: rows[9]!.building, unit: rows[9]!.unit, ...proxy, documentRef: 'WT-009' } });
    expect(over.status).toBe(400);
    expect(over.json.error.code).toBe('proxy_cap');
  });

  it('the committee sees who took part and the gap to the quorum, never a choice', async () => {
    const res = await call(district, 'GET', base(B), { token: committeeA });
    const b = res.json;
    const voters = new Set([ownerOf(rows[2]!), ownerOf(rows[3]!), ownerOf(rows[0]!), ownerOf(rows[4]!), ownerOf(rows[6]!)]);
    expect(b.participation.participating.heads).toBe(voters.size);
    const area = [...voters].reduce((a, id) => a + roll.filter((u) => u.ownerId === id).reduce((x, u) => x + u.areaHundredths, 0), 0);
    expect(b.participation.participating.areaHundredths).toBe(area);
    // 10 heads: two thirds is 7 (6.67 rounded up), so 2 more.
    expect(b.participation.gap.heads).toBe(7 - voters.size);
    expect(b.notYet.length).toBe(10 - voters.size);
    const text = JSON.stringify({ ...b, paperSheets: [] });
    expect(text).not.toMatch(/"(agree|disagree|abstain)"/);
    expect(b.result).toBeNull();
  });

  it('close waits for the closing time and for every half-keyed sheet; then the result is frozen', async () => {
    const early = await call(district, 'POST', `${base(B)}/close`, { token: committeeA });
    expect(early.status).toBe(409);
    expect(early.json.error.code).toBe('ballot_open');
    // The remaining owners vote, so the quorum is met.
    expect((await vote(home(7), { m1: 'agree', m2: 'agree' })).status).toBe(201);
    expect((await vote(home(8), { m1: 'disagree', m2: 'agree' })).status).toBe(201);
    expect((await vote(home(10), { m1: 'agree', m2: 'agree' })).status).toBe(201);
    await closingTimeArrives(district, compound.id, B);
    const lateOnline = await vote(home(9), { m1: 'agree' });
    expect(lateOnline.status).toBe(409);
    expect(lateOnline.json.error.code).toBe('ballot_closed');
    const pending = await call(district, 'POST', `${base(B)}/close`, { token: committeeA });
    expect(pending.status).toBe(409);
    expect(pending.json.error.code).toBe('paper_pending');
    expect(pending.json.error.message).toContain(rows[5]!.unit);
    // The held sheet: discard both keyings (audited), key it twice again.
    expect((await call(district, 'POST', `${base(B)}/paper/discard`, { token: committeeA, body: { building: rows[5]!.building, unit: rows[5]!.unit, reason: '第二次录入与纸质表决票不符，核对原件后重录' } })).status).toBe(200);
    expect((await key(committeeB, B, rows[5]!, { m1: 'disagree' })).status).toBe(202);
    expect((await key(committeeA, B, rows[5]!, { m1: 'disagree' })).status).toBe(201);

    const closed = await call(district, 'POST', `${base(B)}/close`, { token: committeeA });
    expect(closed.status, closed.text).toBe(201);
    const t = closed.json.tally;
    expect(t.totals.heads).toBe(10);
    expect(closed.json.byChannel).toEqual({ online: 6, paper: 2, proxy: 1 });
    const m1 = t.matters[0];
    // Every voter chose on m1: 9 of 10 heads took part.
    expect(m1.participating.heads).toBe(9);
    expect(m1.quorumMet).toBe(true);
  });

  it('nothing changes the result after close: no vote, no sheet, no second close', async () => {
    const before = await call(district, 'GET', `/api/public/ballots/${compound.id}/${B}`);
    expect(before.status).toBe(200);
    expect((await key(committeeA, B, rows[9]!, { m1: 'agree' })).json.error.code).toBe('ballot_closed');
    expect((await vote(home(9), { m1: 'agree' })).status).toBe(409);
    const again = await call(district, 'POST', `${base(B)}/close`, { token: committeeB });
    expect(again.json.error.code).toBe('already_closed');
    const after = await call(district, 'GET', `/api/public/ballots/${compound.id}/${B}`);
    expect(after.text).toBe(before.text);
    // The public notice names no staff member and shows no storage key.
    expect(Object.keys(after.json.result)).not.toEqual(expect.arrayContaining(['closedBy']));
    expect(after.text).not.toMatch(/"(pk|sk|closedBy)"/);
  });

  it('the export, recounted by the same rules, gives the frozen result', async () => {
    const files = await Promise.all((['register', 'matters', 'votes'] as const).map(async (file) => {
      const res = await call(district, 'GET', `${base(B)}/export?file=${file}`, { token: admin });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/csv');
      return { name: `${file}.csv`, text: res.text };
    }));
    // The committee (neighbours) never get the files that tie a unit to its choices.
    expect((await call(district, 'GET', `${base(B)}/export?file=votes`, { token: committeeA })).status).toBe(403);
    const outcome = recount({ register: files[0]!, matters: files[1]!, votes: files[2]! });
    expect(outcome.ok).toBe(true);
    const frozen = (await call(district, 'GET', `/api/public/ballots/${compound.id}/${B}`)).json.result.tally;
    expect(outcome.ok && outcome.tally).toEqual(frozen);
    expect(files[0]!.text).not.toContain(rows[0]!.ownerName);
  });

  it('the bulletin lists every receipt with its choices, finds one by its code, and names nobody', async () => {
    const all = await call(district, 'GET', `/api/public/ballots/${compound.id}/${B}/bulletin`);
    expect(all.status).toBe(200);
    expect(all.json.total).toBe(9);
    expect(all.json.receipts).toHaveLength(9);
    const mine = (await call(district, 'GET', '/api/resident/ballot', { token: home(3).token })).json.vote.receipt.receipt as string;
    const found = await call(district, 'GET', `/api/public/ballots/${compound.id}/${B}/bulletin?receipt=${mine.toLowerCase().replace('-', '')}`);
    expect(found.json.receipts).toEqual([{ receipt: mine, choices: { m1: 'agree', m2: 'agree' } }]);
    const text = all.text + (await call(district, 'GET', `/api/public/ballots/${compound.id}/${B}`)).text;
    for (const r of rows) {
      expect(text).not.toContain(r.ownerName);
      expect(text).not.toContain(r.phone);
    }
    expect(text).not.toMatch(/"(building|unit|ownerId)"/);
  });
});

describe('many owners at once', () => {
  it('40 different owners voting at the same moment are all counted (the ballot counter retries its conflicts)', async () => {
    const big = d.compounds.filter((c) => c.communityId === compound.communityId)[4]!;
    const bigRows = demoRegisterRows(big).slice(0, 60);
    const imported = await call(district, 'POST', `/api/registry/compounds/${big.id}/register/imports`, { token: admin, body: { mode: 'commit', fileName: 'big.csv', contentBase64: Buffer.from(rowsToCsv(bigRows)).toString('base64') } });
    expect(imported.json?.ok, imported.text).toBe(true);
    await announce(district, admin, big.id, 'b-many', { matters: [{ id: 'm1', kind: 'ordinary' }] });
    const homes = await households(district, admin, big.id, 'b-many', 'ballot');
    const owners = new Map<string, Household>();
    const bigRoll = votingRegister(bigRows);
    for (const h of homes) {
      const owner = bigRoll.find((u) => u.building === h.building && u.unit === h.unit)!.ownerId;
      if (!owners.has(owner)) owners.set(owner, h);
    }
    const voters = [...owners.values()].slice(0, 40);
    const results = await Promise.all(voters.map((h) => vote(h, { m1: 'agree' })));
    expect(results.map((r) => r.status)).toEqual(voters.map(() => 201));
    const stored = (await district.doc.send(new GetCommand({ TableName: district.tableName, Key: keys.ballot(big.id, 'b-many'), ConsistentRead: true }))).Item!;
    expect(stored.voteCount).toBe(40);
    const b = (await call(district, 'GET', `/api/votes/compounds/${big.id}/ballots/b-many`, { token: admin })).json;
    expect(b.tookPart).toHaveLength(40);
  });
});

describe('a paper sheet overtaken by an online vote', () => {
  it('is refused at its second keying as a conflict, and no longer holds up the count', async () => {
    const B = 'b-sheet';
    await announce(district, committeeA, compound.id, B, { matters: [{ id: 'm1', kind: 'ordinary' }] });
    const homes = await households(district, admin, compound.id, B, 'ballot');
    const h = homes.find((x) => x.unit === rows[9]!.unit && x.building === rows[9]!.building)!;
    expect((await key(committeeA, B, rows[9]!, { m1: 'agree' })).status).toBe(202);
    expect((await storedBallot(B)).pendingPaper).toBe(1);
    expect((await vote(h, { m1: 'disagree' })).status).toBe(201);
    const second = await key(committeeB, B, rows[9]!, { m1: 'agree' });
    expect(second.status).toBe(409);
    expect(second.json.error.code).toBe('already_voted');
    const stored = await storedBallot(B);
    expect(stored.pendingPaper).toBe(0);
    expect(stored.voteCount).toBe(1);
    const b = await board(B);
    expect(b.paperSheets).toEqual([]);
    expect(b.conflicts).toHaveLength(1);
  });
});

describe('hearings (三会)', () => {
  it('are recorded per matter and stage, and the public notice carries their dates and outcomes', async () => {
    const B = 'b-main';
    const bad = await call(district, 'POST', `${base(B)}/hearings`, { token: committeeA, body: { matterId: 'm9', stage: 'before', date: '2026-11-01', attendance: 30, minutes: '听证会纪要内容十个字以上。', outcome: '同意' } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields[0].path).toBe('body.matterId');
    const ok = await call(district, 'POST', `${base(B)}/hearings`, { token: committeeA, body: { matterId: 'm2', stage: 'after', date: '2026-11-24', attendance: 41, minutes: '事后评议会：电梯更新进度与资金使用情况通报。', outcome: '业主代表认可资金使用情况' } });
    expect(ok.status, ok.text).toBe(201);
    const pub = await call(district, 'GET', `/api/public/ballots/${compound.id}/${B}`);
    expect(pub.json.hearings).toContainEqual({ matterId: 'm2', stage: 'after', date: '2026-11-24', attendance: 41, outcome: '业主代表认可资金使用情况' });
    expect(pub.text).not.toContain('资金使用情况通报');
  });
});

describe('a committee election through the five gates', () => {
  const E = 'e-2026';
  const path = (p = '') => `/api/votes/compounds/${compound.id}/elections/${E}${p}`;
  const gate = (g: string, token: string, body: unknown) => call(district, 'POST', path(`/gates/${g}`), { token, body });
  let community: string;
  const candidates = Array.from({ length: 7 }, (_, i) => ({ id: `c${i + 1}`, name: ['张建华', '李秀英', '王志强', '刘海燕', '陈国栋', '杨丽', '赵明'][i]!, building: rows[i]!.building, unit: rows[i]!.unit, bio: `退休教师，热心公益，居住本小区${10 + i}年。`, nominatedBy: '业主联名推荐' }));

  beforeAll(async () => {
    community = await staffToken('jinkou-staff', 'community_staff', compound.communityId);
    expect((await call(district, 'PUT', path(), { token: committeeA, body: { title: '第一届业主委员会选举' } })).status).toBe(201);
  });

  it('gates are passed in order, each signed by its role, each with a complete record', async () => {
    expect((await gate('nominations', committeeA, { candidates })).json.error.code).toBe('gate_order');
    expect((await gate('survey', committeeA, { reachableOwners: 9, notes: '入户摸底完成' })).status).toBe(403);
    const tooMany = await gate('survey', community, { reachableOwners: 11, notes: '入户摸底完成' });
    // The id the election's ballot would take is already a committee's ordinary ballot.
    await announce(district, committeeA, compound.id, `${E}-ballot`, { wait: false });
    expect(tooMany.status).toBe(400);
    expect(tooMany.json.error.fields[0].path).toBe('body.reachableOwners');
    const survey = await gate('survey', community, { reachableOwners: 9, notes: '入户摸底完成，9 户可联系' });
    expect(survey.status, survey.text).toBe(200);
    expect(survey.json.gates.survey.record.register).toMatchObject({ version: 1, units: 12, heads: 10 });
    const incomplete = await gate('preparatory', community, { members: [{ name: '张三', role: '组长' }] });
    expect(incomplete.status).toBe(400);
    expect(incomplete.json.error.fields[0].path).toBe('body.members');
    expect((await gate('preparatory', community, { members: [{ name: '张三', role: '组长' }, { name: '李四', role: '社区代表' }, { name: '王五', role: '业主代表' }], approvalRef: '金社〔2026〕12号' })).status).toBe(200);
    expect((await gate('nominations', committeeA, { candidates })).status).toBe(200);
    const partial = await gate('review', community, { decisions: candidates.slice(0, 6).map((c) => ({ candidateId: c.id, approved: true })) });
    expect(partial.status).toBe(400);
    expect(partial.json.error.fields[0].reason).toContain('c7');
    // Tried: one candidate both approved and rejected, the rest approved.
    const twice = await gate('review', community, { decisions: [...candidates.map((c) => ({ candidateId: c.id, approved: true })), { candidateId: 'c1', approved: false, reason: '重复提交的否决意见' }] });
    expect(twice.status).toBe(400);
    expect(twice.json.error.fields.map((f: { reason: string }) => f.reason).join(' ')).toContain('once');
    const noReason = await gate('review', community, { decisions: candidates.map((c) => ({ candidateId: c.id, approved: c.id !== 'c7' })) });
    expect(noReason.status).toBe(400);
    expect((await gate('review', community, { decisions: candidates.map((c) => ({ candidateId: c.id, approved: c.id !== 'c7', reason: c.id === 'c7' ? '不符合候选人条件：欠缴物业费' : '' })) })).status).toBe(200);
    const window = { opensAt: new Date(Date.now() + 1000).toISOString(), closesAt: new Date(Date.now() + 8 * 86_400_000).toISOString() };
    for (const [seats, reason] of [[4, 'odd'], [3, '5 to 11']] as const) {
      const res = await gate('organize', committeeA, { title: '第一届业主委员会选举投票', seats, ...window });
      expect(res.status).toBe(400);
      expect(res.json.error.fields[0].reason).toContain(reason);
    }
    const organized = await gate('organize', committeeA, { title: '第一届业主委员会选举投票', seats: 5, ...window });
    expect(organized.status, organized.text).toBe(200);
    expect(organized.json.ballotId).toBe(`${E}-ballot2`);
    expect((await gate('organize', committeeA, { title: '再来一次', seats: 5, ...window })).json.error.code).toBe('gate_order');
  });

  it('owners support up to N candidates; the elected are ranked by area then heads; the committee is formed from the result', async () => {
    await new Promise((r) => setTimeout(r, 1100));
    const B = `${E}-ballot2`;
    const voters = await households(district, admin, compound.id, B, 'ballot');
    const form = await call(district, 'GET', '/api/resident/ballot', { token: voters[0]!.token });
    expect(form.json.ballot.kind).toBe('election');
    expect(form.json.ballot.seats).toBe(5);
    expect(form.json.ballot.matters.map((m: { id: string }) => m.id)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'c6']);
    const six = await vote(voters[0]!, Object.fromEntries(['c1', 'c2', 'c3', 'c4', 'c5', 'c6'].map((c) => [c, 'agree'])));
    expect(six.status).toBe(400);
    expect(six.json.error.fields[0].reason).toContain('at most 5');
    // Every owner supports c1-c4; c5 gets most owners, c6 only two.
    const byOwner = new Map<string, Household>();
    for (const v of voters) if (!byOwner.has(ownerOf(v))) byOwner.set(ownerOf(v), v);
    let n = 0;
    for (const v of byOwner.values()) {
      const support = ['c1', 'c2', 'c3', 'c4', n < 2 ? 'c6' : 'c5'];
      expect((await vote(v, Object.fromEntries(support.map((c) => [c, 'agree'])))).status).toBe(201);
      n++;
    }
    await closingTimeArrives(district, compound.id, B);
    const closed = await call(district, 'POST', `${base(B)}/close`, { token: committeeA });
    expect(closed.status, closed.text).toBe(201);
    expect(closed.json.allocation).toEqual({ elected: ['c1', 'c2', 'c3', 'c4', 'c5'], runnersUp: [], tiedAtLastSeat: [], openSeats: 0 });
    const c6 = closed.json.tally.matters.find((m: { matterId: string }) => m.matterId === 'c6');
    expect(c6.participating.heads).toBe(byOwner.size);
    expect(c6.passed).toBe(false);

    const formed = await call(district, 'POST', path('/committee'), { token: community });
    expect(formed.status, formed.text).toBe(201);
    expect(formed.json.members.map((m: { candidateId: string }) => m.candidateId)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']);
    expect(formed.json.termEnd.slice(0, 4)).toBe(String(new Date().getFullYear() + 5));
    expect((await call(district, 'POST', path('/committee'), { token: community })).json.error.code).toBe('already_formed');

    const pub = await call(district, 'GET', `/api/public/ballots/${compound.id}/${B}`);
    for (const c of candidates) expect(pub.text).not.toContain(c.name);
    expect(pub.json.matters[0].title).toBe(`${maskName('张建华')}（${rows[0]!.building}）`);

    const dash = await call(district, 'GET', '/api/votes/committees', { token: community });
    expect(dash.status).toBe(200);
    expect(dash.json.withCommittee).toBe(1);
    expect(dash.json.compounds).toBe(d.compounds.filter((c) => c.communityId === compound.communityId).length);
  });
});

describe('a ballot whose rules deem delivered non-voters to follow the majority', () => {
  it('publishes the deemed tally beside the raw one; the export recounts to the raw one', async () => {
    const B = 'b-deemed';
    const res = await call(district, 'PUT', base(B), { token: committeeA, body: {
      title: '关于续聘物业服务企业的表决', matters: [{ id: 'm1', kind: 'ordinary', title: '续聘物业服务企业', text: '续聘现物业服务企业，合同期三年。' }],
      opensAt: new Date(Date.now() + 1200).toISOString(), closesAt: new Date(Date.now() + 8 * 86_400_000).toISOString(),
      followMajority: { rule: '议事规则第十五条：表决票已送达但未在规定时间内表决的业主，视为同意多数业主的意见。' },
    } });
    expect(res.status, res.text).toBe(201);
    await new Promise((r) => setTimeout(r, 1300));
    const homes = await households(district, admin, compound.id, B, 'ballot');
    const home = (i: number) => homes.find((h) => h.building === rows[i]!.building && h.unit === rows[i]!.unit)!;
    expect((await call(district, 'GET', '/api/resident/ballot', { token: home(2).token })).json.ballot.followMajority.rule).toContain('第十五条');
    // Owners 2-6 vote (5 of 10 heads: no quorum); 4 agree. Delivery is proven to owners 7 and 8.
    for (const i of [2, 3, 4, 5]) expect((await vote(home(i), { m1: 'agree' })).status).toBe(201);
    expect((await vote(home(6), { m1: 'disagree' })).status).toBe(201);
    for (const i of [7, 8]) {
      const r = await call(district, 'POST', `${base(B)}/deliveries`, { token: committeeA, body: { building: rows[i]!.building, unit: rows[i]!.unit, method: 'in_person', deliveredOn: '2026-11-24', proofRef: `签收表第${i}行` } });
      expect(r.status, r.text).toBe(201);
    }
    const twice = await call(district, 'POST', `${base(B)}/deliveries`, { token: committeeA, body: { building: rows[7]!.building, unit: rows[7]!.unit, method: 'mail', deliveredOn: '2026-11-24', proofRef: 'EMS1' } });
    expect(twice.status).toBe(409);
    await closingTimeArrives(district, compound.id, B);
    const closed = await call(district, 'POST', `${base(B)}/close`, { token: committeeA });
    expect(closed.status, closed.text).toBe(201);
    const raw = closed.json.tally.matters[0];
    expect(raw).toMatchObject({ participating: { heads: 5 }, agree: { heads: 4 }, quorumMet: false, passed: false });
    expect(closed.json.deemed.delivered).toBe(2);
    expect(closed.json.deemed.matters).toEqual([{ matterId: 'm1', choice: 'agree', owners: 2 }]);
    expect(closed.json.deemed.tally.matters[0]).toMatchObject({ participating: { heads: 7 }, agree: { heads: 6 } });
    // The recount tool computes the raw tally only.
    const files = await Promise.all((['register', 'matters', 'votes'] as const).map(async (file) => ({ name: file, text: (await call(district, 'GET', `${base(B)}/export?file=${file}`, { token: admin })).text })));
    const outcome = recount({ register: files[0]!, matters: files[1]!, votes: files[2]! });
    expect(outcome.ok && outcome.tally).toEqual(closed.json.tally);
    // A ballot announced without such a rule records no deliveries.
    const refused = await call(district, 'POST', `${base('b-main')}/deliveries`, { token: committeeA, body: { building: rows[7]!.building, unit: rows[7]!.unit, method: 'in_person', deliveredOn: '2026-11-24', proofRef: 'x1' } });
    expect(refused.status).toBe(400);
    expect(refused.json.error.code).toBe('not_deemed');
  });
});

describe('withdrawing a ballot before it opens', () => {
  it('lists a ballot announced before the public list existed once it is withdrawn, whole', async () => {
    const B = 'b-old-notice';
    await announce(district, committeeA, compound.id, B, { opensInMs: 3_600_000, wait: false });
    const stored = await storedBallot(B);
    // As on a district that announced it before this list: no entry.
    await district.doc.send(new DeleteCommand({ TableName: district.tableName, Key: keys.ballotNoticeIndex(stored.announcedAt, compound.id, B) }));
    expect((await call(district, 'GET', '/api/public/ballots')).json.announced.some((a: { ballotId: string }) => a.ballotId === B)).toBe(false);
    expect((await call(district, 'POST', `${base(B)}/withdraw`, { token: committeeA, body: { reason: '事项写错，改正后重新公告' } })).status).toBe(200);
    const entry = (await call(district, 'GET', '/api/public/ballots')).json.announced.find((a: { ballotId: string }) => a.ballotId === B);
    expect(entry).toMatchObject({ compoundId: compound.id, ballotId: B, title: stored.title, compoundName: compound.name, withdrawn: true });
  });

  it('stops its codes and any vote; an open ballot cannot be withdrawn', async () => {
    const B = 'b-withdrawn';
    await announce(district, committeeA, compound.id, B, { opensInMs: 2500, wait: false });
    const { letters } = await issue(district, admin, compound.id, { kind: 'ballot', id: B, title: B });
    const signIn = (code: string) => call(district, 'POST', '/api/auth/household', { body: { code, compoundId: compound.id } });
    const first = await signIn(letters[0]!.code);
    expect(first.status, first.text).toBe(200);
    const homes: Household[] = [{ building: letters[0]!.building, unit: letters[0]!.unit, token: first.json.token }];
    const short = await call(district, 'POST', `${base(B)}/withdraw`, { token: committeeA, body: { reason: '短' } });
    expect(short.status).toBe(400);
    expect(short.json.error.fields[0].path).toBe('body.reason');
    const ok = await call(district, 'POST', `${base(B)}/withdraw`, { token: committeeA, body: { reason: '事项二的金额写错，改正后重新公告' } });
    expect(ok.status, ok.text).toBe(200);
    expect((await call(district, 'POST', `${base(B)}/withdraw`, { token: committeeA, body: { reason: '再撤一次试试' } })).json.error.code).toBe('ballot_withdrawn');
    // The public announcement says it was withdrawn and why; the list marks it.
    const notice = (await call(district, 'GET', `/api/public/ballots/${compound.id}/${B}/announcement`)).json;
    expect(notice).toMatchObject({ state: 'withdrawn', withdrawn: { reason: '事项二的金额写错，改正后重新公告' } });
    expect((await call(district, 'GET', '/api/public/ballots')).json.announced).toContainEqual(expect.objectContaining({ ballotId: B, withdrawn: true }));
    const codes = await call(district, 'POST', `/api/registry/compounds/${compound.id}/codes`, { token: admin, body: { purpose: { kind: 'ballot', id: B, title: '已撤回的表决' }, expiresAt: new Date(Date.now() + 86_400_000).toISOString(), units: 'all' } });
    expect(codes.json.error.code).toBe('ballot_withdrawn');
    // A letter already printed no longer signs in, and says why.
    const after = await signIn(letters[1]!.code);
    expect(after.status).toBe(409);
    expect(after.json.error.code).toBe('ballot_withdrawn');
    await new Promise((r) => setTimeout(r, 2600));
    // Its opening time has passed, and still nothing can be recorded on it.
    const late = await vote(homes[0]!, { m1: 'agree' });
    expect(late.status).toBe(409);
    expect(late.json.error.code).toBe('ballot_withdrawn');
    expect((await key(committeeA, B, rows[2]!, { m1: 'agree' })).json.error.code).toBe('ballot_withdrawn');
    expect((await board(B)).ballot.state).toBe('withdrawn');
    expect((await storedBallot(B)).voteCount).toBe(0);
    const open = await call(district, 'POST', `${base('b-sheet')}/withdraw`, { token: committeeA, body: { reason: '投票已开始还想撤回' } });
    expect(open.status).toBe(409);
    expect(open.json.error.code).toBe('ballot_open');
  });
});

describe('letters after the register changes', () => {
  it('go to the units of the register version the ballot counts by, not to the new version\'s', async () => {
    // v2 drops the last unit and adds one; b-notice (announced on v1, not yet closed) keeps v1.
    const v2 = [...rows.slice(0, 11), { ...rows[0]!, unit: `${rows[0]!.unit}-新`, ownerRef: 'Y999', ownerName: '新业主', phone: '13800000000' }];
    const imported = await call(district, 'POST', `/api/registry/compounds/${compound.id}/register/imports`, { token: admin, body: { mode: 'commit', fileName: 'v2.csv', contentBase64: Buffer.from(rowsToCsv(v2)).toString('base64') } });
    expect(imported.json?.version, imported.text).toBe(2);
    const ballot = await storedBallot('b-notice');
    const res = await call(district, 'POST', `/api/registry/compounds/${compound.id}/codes`, { token: admin, body: { purpose: { kind: 'ballot', id: 'b-notice', title: '选聘物业表决' }, expiresAt: ballot.closesAt } });
    expect(res.status, res.text).toBe(201);
    expect(res.json.registerVersion).toBe(1);
    const units = res.json.letters.map((l: { building: string; unit: string }) => `${l.building}#${l.unit}`).sort();
    expect(units).toEqual(rows.map((r) => `${r.building}#${r.unit}`).sort());
  });
});
