// Scope is in the data (security review, finding 1). Two compounds in different streets hold
// the same child ids (ballots, elections, a campaign's per-compound records); staff and
// residents of compound B then call every route that takes a compound and a child id, through
// B, on every such id. After each call:
// - every stored item that changed is B's (its key names B, or it says compoundId B) or a
//   neutral one (audit, outbox, rate counters);
// - A's public pages, A's export files, A's board and A's owners' ballot page are byte-identical;
// - nothing B was answered carries A's data (its titles' marker, its receipts).
// The route list is generated from the manifest: a new route that takes a compound and a
// child id fails this test until it has a case here.
import type { StaffRole } from '../../shared/access.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { call, callFrom, testDistrict } from '../support/district.ts';
import { issue } from '../support/codes.ts';
import { households, answers, type Household } from '../support/ratings.ts';
import { closingTimeArrives } from '../support/votes.ts';
import type { LocalDistrict } from '../../infra/local/district.ts';
import { demoDistrict, demoRegisterRows, rowsToCsv } from '../../infra/local/demo-district.ts';
import { routes } from '../../functions/manifest.ts';

const d = demoDistrict();
const streetOf = (c: { communityId: string }) => d.communities.find((x) => x.id === c.communityId)!.streetId;
const A = d.compounds.find((c) => c.buildings.length >= 6 && c.contract && c.contract.serviceItems.length >= 4)!;
const rows = demoRegisterRows(A).slice(0, 12);
const needed = new Set(rows.map((r) => r.building));
// B lies in another street and has A's building names, so the same units exist in both.
const B = d.compounds.find((c) => streetOf(c) !== streetOf(A) && c.contract && [...needed].every((b) => c.buildings.includes(b)))!;

type Side = 'A' | 'B';
const MARK: Record<Side, string> = { A: '甲方专用标记', B: '乙方' };
const SHARED_BALLOTS = ['open-1', 'closed-1', 'future-1'] as const;
const A_ONLY_BALLOT = 'a-only';
const SHARED_ELECTION = 'el-1';
const A_ONLY_ELECTION = 'el-a';
const CAMPAIGN = 'camp-x';

let district: LocalDistrict;
let admin: string;
const tok = {} as Record<Side, { committee: string; committee2: string; community: string }>;
const voters = {} as Record<Side, Household[]>;
const aReceipts: string[] = [];

const compoundOf = (s: Side) => (s === 'A' ? A : B);
const ballotPath = (s: Side, id: string, p = '') => `/api/votes/compounds/${compoundOf(s).id}/ballots/${id}${p}`;
const electionPath = (s: Side, id: string, p = '') => `/api/votes/compounds/${compoundOf(s).id}/elections/${id}${p}`;
const unit = (i: number) => ({ building: rows[i]!.building, unit: rows[i]!.unit });

async function staffToken(sub: string, role: string, scopeId: string) {
  return district.auth.sign(district.auth.claimsOf({ sub, name: sub, role: role as StaffRole, scopeId }), Math.floor(Date.now() / 1000) + 3 * 3600);
}

function ballotBody(side: Side, id: string, opensInMs: number, o: { followMajority?: boolean } = {}) {
  const opensAt = Date.now() + opensInMs;
  return {
    title: `${MARK[side]} ${id} 表决`,
    matters: [
      { id: 'm1', kind: 'ordinary', title: `${MARK[side]}选聘物业`, text: `${MARK[side]}关于选聘物业服务企业的方案全文。`, attachments: [] },
      { id: 'm2', kind: 'special', title: `${MARK[side]}筹集维修资金`, text: `${MARK[side]}关于筹集专项维修资金的方案全文。`, attachments: [] },
    ],
    opensAt: new Date(opensAt).toISOString(),
    closesAt: new Date(opensAt + 8 * 86_400_000).toISOString(),
    ...(o.followMajority ? { followMajority: { rule: `${MARK[side]}议事规则第十二条：已送达未表决者视为同意多数意见。` } } : {}),
  };
}

async function ok(res: Promise<{ status: number; text: string }>, status: number) {
  const r = await res;
  expect(r.status, r.text).toBe(status);
  return r;
}

const voteChoices = (side: Side) => (side === 'A' ? { m1: 'agree', m2: 'disagree' } : { m1: 'disagree', m2: 'agree' });

/** The same child ids in one compound; A also has ids that B lacks. */
async function prepare(side: Side) {
  const c = compoundOf(side);
  const t = tok[side];
  await ok(call(district, 'POST', `/api/registry/compounds/${c.id}/register/imports`, { token: admin, body: { mode: 'commit', fileName: 'r.csv', contentBase64: Buffer.from(rowsToCsv(rows)).toString('base64') } }), 201);
  const ids = side === 'A' ? [...SHARED_BALLOTS, A_ONLY_BALLOT] : [...SHARED_BALLOTS];
  for (const id of ids) await ok(call(district, 'PUT', ballotPath(side, id), { token: t.committee, body: ballotBody(side, id, id === 'future-1' ? 86_400_000 : 1200, { followMajority: id === 'open-1' }) }), 201);
  await new Promise((r) => setTimeout(r, 1300));
  const v = await households(district, t.community, c.id, 'open-1', 'ballot');
  voters[side] = v;
  // A's unit 0 voted online; B's did not (so B's unit 0 is where an A choice would show).
  for (const i of side === 'A' ? [0, 2] : [2]) {
    const r = await ok(call(district, 'PUT', '/api/resident/ballot', { token: v[i]!.token, body: { idempotencyKey: `k-${side}-${i}-${'x'.repeat(16)}`, choices: voteChoices(side) } }), 201);
    if (side === 'A') aReceipts.push((r as { status: number; text: string }).text.match(/"receipt":"([^"]+)"/)![1]!);
  }
  const paper = (token: string, i: number, choices: Record<string, string>) => call(district, 'POST', ballotPath(side, 'open-1', '/paper'), { token, body: { ...unit(i), sheetNo: `S-${i}`, channel: 'paper', choices } });
  await ok(paper(t.committee, 3, voteChoices(side)), 202); // keyed once, waiting
  await ok(paper(t.committee, 4, { m1: 'agree' }), 202);
  await ok(paper(t.committee2, 4, { m1: 'disagree' }), 409); // held
  await ok(call(district, 'POST', ballotPath(side, 'open-1', '/proxies'), { token: t.committee, body: { ...unit(5), proxyName: `${side === 'A' ? '张' : '李'}代理`, proxyIdTail: '12345X', documentRef: `WT-${side}-5` } }), 201);
  await ok(call(district, 'POST', ballotPath(side, 'open-1', '/deliveries'), { token: t.committee, body: { ...unit(6), method: 'in_person', deliveredOn: '2026-11-24', proofRef: `签收表${side}第6行` } }), 201);
  await ok(call(district, 'POST', ballotPath(side, 'closed-1', '/hearings'), { token: t.committee, body: { matterId: 'm1', stage: 'before', date: '2026-11-20', attendance: 30, minutes: `${MARK[side]}听证会纪要全文。`, outcome: `${MARK[side]}同意` } }), 201);
  // closed-1: one vote, then counted and published.
  const cv = await households(district, t.community, c.id, 'closed-1', 'ballot');
  const r = await ok(call(district, 'PUT', '/api/resident/ballot', { token: cv[1]!.token, body: { idempotencyKey: `c-${side}-1-${'x'.repeat(16)}`, choices: voteChoices(side) } }), 201);
  if (side === 'A') aReceipts.push(r.text.match(/"receipt":"([^"]+)"/)![1]!);
  await closingTimeArrives(district, c.id, 'closed-1');
  await ok(call(district, 'POST', ballotPath(side, 'closed-1', '/close'), { token: t.committee }), 201);
  // Elections: A has el-1 and el-a, B only el-1; each has its survey gate signed.
  for (const id of side === 'A' ? [SHARED_ELECTION, A_ONLY_ELECTION] : [SHARED_ELECTION]) {
    await ok(call(district, 'PUT', electionPath(side, id), { token: t.committee, body: { title: `${MARK[side]}第一届业主委员会选举` } }), 201);
    await ok(call(district, 'POST', electionPath(side, id, '/gates/survey'), { token: t.community, body: { reachableOwners: 9, notes: `${MARK[side]}入户摸底完成` } }), 200);
  }
}

async function prepareCampaign() {
  const ids = [A.id, B.id];
  await ok(call(district, 'PUT', `/api/ratings/campaigns/${CAMPAIGN}`, { token: admin, body: { title: '跨小区物业服务评价', period: '2026年下半年', issuer: '市南区住房和城乡建设局', templateId: 'standard', opensAt: new Date(Date.now() - 60_000).toISOString(), closesAt: new Date(Date.now() + 8 * 86_400_000).toISOString(), compoundIds: ids } }), 201);
  for (const side of ['A', 'B'] as const) {
    const c = compoundOf(side);
    const hs = await households(district, tok[side].community, c.id, CAMPAIGN);
    for (const [n, h] of hs.slice(0, 2).entries()) await ok(call(district, 'PUT', '/api/resident/rating', { token: h.token, body: answers(c.contract!.serviceItems, n) }), 201);
  }
  await ok(call(district, 'POST', `/api/ratings/campaigns/${CAMPAIGN}/close`, { token: admin }), 200);
}

// ——— What must not change ———

async function scan(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await district.doc.send(new ScanCommand({ TableName: district.tableName, ConsistentRead: true, ExclusiveStartKey }));
    for (const item of page.Items ?? []) out.set(`${item.pk}|${item.sk}`, JSON.stringify(item, Object.keys(item).sort()));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return out;
}

const NEUTRAL = /^(AUDIT|OUTBOX|RATE)#/;
function belongsToB(key: string, json: string | undefined): boolean {
  const [pk, sk] = key.split('|') as [string, string];
  if (NEUTRAL.test(pk)) return true;
  if ([...pk.split('#'), ...sk.split('#')].includes(B.id)) return true;
  return json !== undefined && JSON.parse(json).compoundId === B.id;
}

/**
 * A campaign spans both compounds: publishing B's notice moves the campaign's count of
 * published compounds, and nothing else of it.
 */
const SHARED_COUNTERS: Record<string, string[]> = { [`RATINGS|CAMPAIGN#${CAMPAIGN}`]: ['publishedCompounds'] };
const without = (json: string | undefined, fields: string[]) => json && JSON.stringify({ ...JSON.parse(json), ...Object.fromEntries(fields.map((f) => [f, null])) });

/** Items that changed and are not B's: each one is a hole. */
function foreignChanges(before: Map<string, string>, after: Map<string, string>): string[] {
  const bad: string[] = [];
  for (const [k, v] of after) {
    if (before.get(k) === v || belongsToB(k, v) || belongsToB(k, before.get(k))) continue;
    const counters = SHARED_COUNTERS[k];
    if (counters && before.has(k) && without(before.get(k), counters) === without(v, counters)) continue;
    bad.push(`${before.has(k) ? 'changed' : 'added'} ${k}`);
  }
  for (const k of before.keys()) if (!after.has(k) && !belongsToB(k, before.get(k))) bad.push(`removed ${k}`);
  return bad;
}

/** A's pages and files as anyone (public) and A's own committee and owners see them. */
async function viewsOfA(): Promise<Record<string, string>> {
  // An error's correlation id is new on every request; the rest must be the same.
  const get = async (path: string, token?: string) => { const r = await call(district, 'GET', path, { token }); return `${r.status} ${r.text.replace(/"correlationId":"[^"]*"/, '')}`; };
  const t = tok.A.committee;
  const views: Record<string, string> = {
    result: await get(`/api/public/ballots/${A.id}/closed-1`),
    bulletin: await get(`/api/public/ballots/${A.id}/closed-1/bulletin`),
    list: JSON.stringify((await call(district, 'GET', '/api/public/ballots')).json.results.filter((x: { compoundId: string }) => x.compoundId === A.id)),
    notice: await get(`/api/public/ratings/${CAMPAIGN}/compounds/${A.id}`),
    ownersPage: await get('/api/resident/ballot', voters.A[0]!.token),
    codes: await get(`/api/registry/compounds/${A.id}/codes?purposeId=open-1`, t),
  };
  for (const id of ['open-1', A_ONLY_BALLOT, 'future-1']) views[`board:${id}`] = await get(ballotPath('A', id), t);
  for (const file of ['register', 'matters', 'votes']) views[`export:${file}`] = await get(ballotPath('A', 'closed-1', `/export?file=${file}`), t);
  return views;
}

// ——— Every route that takes a compound and a child id, acted on through B ———

type Res = { status: number; text: string };
type Attack = (id: string) => Promise<Res[]>;
const bTok = () => tok.B;
const one = async (p: Promise<Res>) => [await p];

/** A resident of B's unit 0 signs in with a code that B's staff issued for `id`. */
async function residentOfB(id: string, i = 0): Promise<string | null> {
  const issued = await call(district, 'POST', `/api/registry/compounds/${B.id}/codes`, { token: bTok().community, body: { purpose: { kind: 'ballot', id, title: id }, expiresAt: new Date(Date.now() + 86_400_000).toISOString(), units: 'all' } });
  const letter = issued.json?.letters?.find((l: { building: string; unit: string }) => l.building === rows[i]!.building && l.unit === rows[i]!.unit);
  if (!letter) return null;
  const ex = await callFrom(district, `127.0.9.${10 + i}`, 'POST', '/api/auth/household', { code: letter.code, compoundId: B.id });
  return ex.status === 200 ? ex.json.token : null;
}

const ballotAttacks: Record<string, Attack> = {
  ballotAnnounce: (id) => one(call(district, 'PUT', ballotPath('B', id), { token: bTok().committee, body: ballotBody('B', id, 1000) })),
  ballotBoard: (id) => one(call(district, 'GET', ballotPath('B', id), { token: bTok().committee })),
  ballotWithdraw: (id) => one(call(district, 'POST', ballotPath('B', id, '/withdraw'), { token: bTok().committee, body: { reason: '乙方撤回公告的理由' } })),
  paperKey: async (id) => [
    await call(district, 'POST', ballotPath('B', id, '/paper'), { token: bTok().committee2, body: { ...unit(3), sheetNo: 'S-3', channel: 'paper', choices: voteChoices('A') } }),
    await call(district, 'POST', ballotPath('B', id, '/paper'), { token: bTok().committee, body: { ...unit(7), sheetNo: 'S-7', channel: 'paper', choices: { m1: 'agree' } } }),
  ],
  paperDiscard: (id) => one(call(district, 'POST', ballotPath('B', id, '/paper/discard'), { token: bTok().committee, body: { ...unit(4), reason: '乙方核对后作废两次录入' } })),
  proxyRecord: (id) => one(call(district, 'POST', ballotPath('B', id, '/proxies'), { token: bTok().committee, body: { ...unit(8), proxyName: '张代理', proxyIdTail: '12345X', documentRef: 'WT-B-8' } })),
  deliveryRecord: (id) => one(call(district, 'POST', ballotPath('B', id, '/deliveries'), { token: bTok().committee, body: { ...unit(9), method: 'mail', deliveredOn: '2026-11-25', proofRef: 'EMS-B-9' } })),
  hearingAdd: (id) => one(call(district, 'POST', ballotPath('B', id, '/hearings'), { token: bTok().committee, body: { matterId: 'm1', stage: 'during', date: '2026-11-26', attendance: 12, minutes: '乙方伪造的协调会纪要全文。', outcome: '乙方结论' } })),
  ballotClose: (id) => one(call(district, 'POST', ballotPath('B', id, '/close'), { token: bTok().committee })),
  ballotExport: async (id) => Promise.all(['register', 'matters', 'votes'].map((file) => call(district, 'GET', ballotPath('B', id, `/export?file=${file}`), { token: bTok().community }))),
  publicBallotResult: (id) => one(call(district, 'GET', `/api/public/ballots/${B.id}/${id}`)),
  publicBulletin: (id) => one(call(district, 'GET', `/api/public/ballots/${B.id}/${id}/bulletin`)),
  publicAnnouncement: (id) => one(call(district, 'GET', `/api/public/ballots/${B.id}/${id}/announcement`)),
  codesIssue: (id) => one(call(district, 'POST', `/api/registry/compounds/${B.id}/codes`, { token: bTok().community, body: { purpose: { kind: 'ballot', id, title: id }, expiresAt: new Date(Date.now() + 86_400_000).toISOString(), units: 'missing' } })),
  codeRevoke: (id) => one(call(district, 'POST', `/api/registry/compounds/${B.id}/codes/revoke`, { token: bTok().community, body: { purposeId: id, ...unit(10), reissue: true } })),
  codeStatus: (id) => one(call(district, 'GET', `/api/registry/compounds/${B.id}/codes?purposeId=${id}`, { token: bTok().committee })),
  residentBallotForm: async (id) => {
    const token = await residentOfB(id);
    return token ? [await call(district, 'GET', '/api/resident/ballot', { token })] : [];
  },
  residentBallotSubmit: async (id) => {
    const token = await residentOfB(id);
    return token ? [await call(district, 'PUT', '/api/resident/ballot', { token, body: { idempotencyKey: `b-${id}-${'y'.repeat(16)}`, choices: voteChoices('B') } })] : [];
  },
};

const electionAttacks: Record<string, Attack> = {
  electionStart: (id) => one(call(district, 'PUT', electionPath('B', id), { token: bTok().committee, body: { title: '乙方业主委员会选举' } })),
  electionGate: async (id) => [
    await call(district, 'POST', electionPath('B', id, '/gates/survey'), { token: bTok().community, body: { reachableOwners: 5, notes: '乙方入户摸底' } }),
    await call(district, 'POST', electionPath('B', id, '/gates/preparatory'), { token: bTok().community, body: { members: [{ name: '乙张三', role: '组长' }, { name: '乙李四', role: '社区代表' }, { name: '乙王五', role: '业主代表' }], approvalRef: '乙社〔2026〕1号' } }),
  ],
  committeeForm: (id) => one(call(district, 'POST', electionPath('B', id, '/committee'), { token: bTok().community })),
};

const campaignAttacks: Record<string, Attack> = {
  ratingReview: (id) => one(call(district, 'GET', `/api/ratings/campaigns/${id}/compounds/${B.id}`, { token: bTok().community })),
  ratingExclude: async (id) => [await call(district, 'POST', `/api/ratings/campaigns/${id}/compounds/${B.id}/exclusions`, { token: bTok().community, body: { ...unit(0), reason: '乙方剔除无效评价' } })],
  noticePublish: (id) => one(call(district, 'POST', `/api/ratings/campaigns/${id}/compounds/${B.id}/notices`, { token: bTok().community, body: {} })),
  publicNotice: (id) => one(call(district, 'GET', `/api/public/ratings/${id}/compounds/${B.id}`)),
};

/** Routes that take a compound (in the path, or in the resident's token) and a child id (in the path, body or query). */
const CHILD_IN_BODY_OR_TOKEN = ['codesIssue', 'codeRevoke', 'codeStatus', 'residentBallotForm', 'residentBallotSubmit'];
const childRoutes = Object.entries(routes)
  .filter(([name, r]) => (r.path.includes('{compoundId}') && (r.path.match(/\{/g) ?? []).length >= 2) || CHILD_IN_BODY_OR_TOKEN.includes(name))
  .map(([name]) => name);

const cases: { route: string; id: string; attack: Attack }[] = [
  ...Object.entries(ballotAttacks).flatMap(([route, attack]) => [...SHARED_BALLOTS, A_ONLY_BALLOT].map((id) => ({ route, id, attack }))),
  ...Object.entries(electionAttacks).flatMap(([route, attack]) => [SHARED_ELECTION, A_ONLY_ELECTION].map((id) => ({ route, id, attack }))),
  ...Object.entries(campaignAttacks).map(([route, attack]) => ({ route, id: CAMPAIGN, attack })),
];

beforeAll(async () => {
  district = await testDistrict({ seed: 'structure', voteRules: { announceDays: 0 } });
  admin = await district.auth.issue('admin');
  for (const side of ['A', 'B'] as const) {
    const c = compoundOf(side);
    tok[side] = {
      committee: await staffToken(`committee-${side}`, 'committee', c.id),
      committee2: await staffToken(`committee2-${side}`, 'committee', c.id),
      community: await staffToken(`community-${side}`, 'community_staff', c.communityId),
    };
  }
  await prepare('A');
  await prepare('B');
  await prepareCampaign();
}, 240_000);
afterAll(async () => district?.stop());

describe('no child record of one compound can be reached through another', () => {
  it('the two compounds lie in different streets and share building names, ballot, election and campaign ids', () => {
    expect(streetOf(A)).not.toBe(streetOf(B));
    expect(B.id).not.toBe(A.id);
  });

  it('every route that takes a compound and a child id has a case here', () => {
    const covered = new Set(cases.map((c) => c.route));
    expect(childRoutes.filter((r) => !covered.has(r))).toEqual([]);
    expect(childRoutes.length).toBeGreaterThanOrEqual(20);
  });

  // Each case's "after" is the next case's "before" (the cases run one after another): half the
  // table scans. A late change by a consumer would then show in the next case's diff, still
  // caught, and a change of A's is a hole whichever case it is charged to.
  let last: { items: Map<string, string>; views: Record<string, string> } | null = null;
  it.each(cases.map((c) => [c.route, c.id, c] as const))('%s on %s through B changes nothing of A and reveals nothing of A', async (_route, _id, c) => {
    const [itemsBefore, viewsBefore] = last ? [last.items, last.views] : [await scan(), await viewsOfA()];
    last = null;
    const answers = await c.attack(c.id);
    for (const a of answers) {
      expect(a.status, a.text).toBeLessThan(500);
      expect(a.text).not.toContain(MARK.A);
      for (const receipt of aReceipts) expect(a.text).not.toContain(receipt);
    }
    const itemsAfter = await scan();
    expect(foreignChanges(itemsBefore, itemsAfter)).toEqual([]);
    const viewsAfter = await viewsOfA();
    for (const name of Object.keys(viewsBefore)) expect(viewsAfter[name], name).toBe(viewsBefore[name]);
    last = { items: itemsAfter, views: viewsAfter };
  });

  it('B acted on its own records where the ids are shared (the cases above were not all refusals)', async () => {
    const board = await call(district, 'GET', ballotPath('B', A_ONLY_BALLOT), { token: tok.B.committee });
    expect(board.status, board.text).toBe(200);
    expect(board.text).toContain(MARK.B);
    const hearings = await call(district, 'GET', `/api/public/ballots/${B.id}/closed-1`);
    expect(hearings.text).toContain('乙方结论');
    const aPublic = await call(district, 'GET', `/api/public/ballots/${A.id}/closed-1`);
    expect(aPublic.text).not.toContain('乙方');
  });
});
