// The demo district's pairings and evaluations: about 40 district departments, 30 district
// leaders, each community paired with three departments and one leader; last half-year's round
// rated and published, this half-year's open with about a third of the communities done
// (金口路社区 not yet, so its demo user can rate). Made once: a start that finds the marker leaves them be.
import type { Principal } from '../../shared/access.ts';
import { DEMO_DEPARTMENTS } from './demo-appeals.ts';
import { GIVEN, rng, SURNAMES, type DemoDistrict } from './demo-district.ts';

type Staff = Extract<Principal, { kind: 'staff' }>;

const MORE_DEPARTMENTS: [string, string][] = [
  ['fagai', '发展和改革局'], ['jiaoti', '教育和体育局'], ['keji', '科学技术局'], ['gongxin', '工业和信息化局'], ['gongan', '公安分局'],
  ['minzheng', '民政局'], ['sifa', '司法局'], ['caizheng', '财政局'], ['renshe', '人力资源和社会保障局'], ['ziran', '自然资源局'],
  ['shengtai', '生态环境分局'], ['jiaotong', '交通运输局'], ['shuiwu', '水务局'], ['shangwu', '商务局'], ['wenlv', '文化和旅游局'],
  ['weijian', '卫生健康局'], ['tuiyi', '退役军人事务局'], ['yingji', '应急管理局'], ['shenji', '审计局'], ['tongji', '统计局'],
  ['yibao', '医疗保障局'], ['xinfang', '信访局'], ['zhifa', '综合行政执法局'], ['shenpi', '行政审批服务局'], ['dashuju', '大数据发展局'],
  ['jiguan', '机关事务服务中心'], ['zhengfa', '区委政法委'], ['xuanchuan', '区委宣传部'], ['tongzhan', '区委统战部'], ['gonghui', '区总工会'],
  ['tuanqu', '团区委'], ['fulian', '区妇联'], ['canlian', '区残联'], ['xiaofang', '消防救援大队'], ['shuiwuju', '税务局'],
  ['hongshizi', '区红十字会'], ['kexie', '区科协'],
];

export const DEMO_EVAL_DEPARTMENTS = [
  ...DEMO_DEPARTMENTS.map((x) => ({ id: x.id, name: x.name })),
  ...MORE_DEPARTMENTS.map(([id, name]) => ({ id: `dep-${id}`, name: name.startsWith('区') || name.startsWith('团区') ? `市南${name}` : `市南区${name}` })),
];

const TITLES = [
  '区委书记', '区委副书记、区长', '区委副书记', '区委常委、常务副区长', '区委常委、组织部部长', '区委常委、宣传部部长', '区委常委、政法委书记',
  '区委常委、统战部部长', '区委常委、纪委书记', '区委常委、区委办主任', '区委常委、副区长', '副区长', '副区长', '副区长', '副区长', '副区长',
  '区人大常委会主任', '区人大常委会副主任', '区人大常委会副主任', '区人大常委会副主任', '区人大常委会副主任', '区政协主席', '区政协副主席',
  '区政协副主席', '区政协副主席', '区政协副主席', '区政协副主席', '区法院院长', '区检察院检察长', '区委巡察办主任',
];

export function demoLeaders(): { id: string; name: string; title: string }[] {
  const r = rng(1530);
  return TITLES.map((title, i) => ({ id: `leader-${String(i + 1).padStart(2, '0')}`, name: `${r.pick([...SURNAMES])}${r.pick([...GIVEN])}${r.next() < 0.5 ? r.pick([...GIVEN]) : ''}`, title }));
}

/** Each community's three departments and one leader (the first 20 leaders have two communities, the rest one). */
export function demoPairings(d: DemoDistrict): { communityId: string; departmentIds: string[]; leaderIds: string[] }[] {
  const r = rng(1531);
  const leaders = demoLeaders();
  const ids = DEMO_EVAL_DEPARTMENTS.map((x) => x.id);
  return d.communities.map((c, i) => {
    const chosen = new Set<string>([ids[i % ids.length]!]);
    while (chosen.size < 3) chosen.add(r.pick(ids));
    return { communityId: c.id, departmentIds: [...chosen].sort(), leaderIds: [leaders[i < 40 ? Math.floor(i / 2) : i - 20]!.id] };
  });
}

/** A half-year as the rounds name it, and its Beijing dates. */
function halfYear(t: number): { period: string; label: string } {
  const b = new Date(t + 8 * 3_600_000);
  const h = b.getUTCMonth() < 6 ? 1 : 2;
  return { period: `${b.getUTCFullYear()}-H${h}`, label: `${b.getUTCFullYear()}年${h === 1 ? '上' : '下'}半年` };
}

/** Eight writes at a time. */
export async function pool<T>(items: readonly T[], fn: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: 8 }, async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}

const COMMENTS = ['结对以来多次到社区现场办公，问题解决及时。', '共建项目推进较慢，希望加强沟通。', '红色突击队在防汛中反应迅速，群众满意。', '政策宣讲很实用，希望常态化开展。', '建议进一步明确对接人，减少多头联系。'];

export async function seedEvaluations(d: DemoDistrict, system: Staff, light = false): Promise<void> {
  const { GetCommand, PutCommand, UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
  const { ddb, tableName } = await import('../../functions/lib/clients.ts');
  const marker = { pk: 'EVALROUNDS', sk: 'DEMO' };
  if ((await ddb.send(new GetCommand({ TableName: tableName(), Key: marker }))).Item) return;
  const { putDepartment } = await import('../../functions/appeals/routing-store.ts');
  const { putLeader, putPairing } = await import('../../functions/pairings/store.ts');
  const { putRound, closeRound } = await import('../../functions/evaluations/round-store.ts');
  const { submitEvaluation } = await import('../../functions/evaluations/submission-store.ts');
  const { publishRound } = await import('../../functions/evaluations/publication-store.ts');
  const { keys } = await import('../../functions/lib/keys.ts');
  await pool(DEMO_EVAL_DEPARTMENTS.slice(DEMO_DEPARTMENTS.length), (dep) => putDepartment(dep.id, { name: dep.name }, system));
  await pool(demoLeaders(), (l) => putLeader(l.id, { name: l.name, title: l.title }, system));
  const pairs = demoPairings(d);
  await pool(pairs, (p) => putPairing(p.communityId, { rev: 0, departmentIds: p.departmentIds, leaderIds: p.leaderIds }, system));
  const now = Date.now();
  const current = halfYear(now);
  const past = halfYear(now - 183 * 86_400_000);
  const r = rng(1532);
  // A department's own quality, so the ranking has a shape.
  const quality = new Map(DEMO_EVAL_DEPARTMENTS.map((x) => [x.id, 2.6 + r.next() * 2.2]));
  const scoreOf = (dep: string) => Math.max(1, Math.min(5, Math.round(quality.get(dep)! + (r.next() - 0.5) * 1.6)));
  const communityStaff = (communityId: string): Staff => ({ kind: 'staff', sub: `demo-${communityId}`, role: 'community_staff', scopeId: communityId, name: '演示社区' });
  const rateAll = async (roundId: string, share: number, skip: Set<string>) => {
    // Drawn first, in order, so the same demo comes out whatever order the writes finish in. 住建局's
    // communities always rate it (the README's walk-through reads its result).
    const sent = pairs.filter((p) => !skip.has(p.communityId) && (r.next() <= share || p.departmentIds.includes('dep-zhujian'))).flatMap((p) => p.departmentIds.map((dep) => ({
      communityId: p.communityId,
      body: {
        departmentId: dep, idempotencyKey: `demo-${roundId}-${p.communityId}-${dep}`.slice(0, 64),
        scores: { responsiveness: scoreOf(dep), projects: scoreOf(dep), presence: scoreOf(dep), overall: scoreOf(dep) },
        // 住建局 (the demo's department user) always gets a word, so its page shows what a comment looks like.
        comment: r.next() < 0.3 || dep === 'dep-zhujian' ? r.pick(COMMENTS) : '',
      },
    })));
    await pool(sent, (e) => submitEvaluation(roundId, e.body, communityStaff(e.communityId)));
  };
  const pastId = `eval-${past.period.toLowerCase()}`;
  await putRound(pastId, { title: `${past.label}部门服务评价`, period: past.period, opensAt: new Date(now - 60_000).toISOString(), closesAt: new Date(now + 600_000).toISOString() }, system);
  await rateAll(pastId, light ? 0.3 : 0.92, new Set());
  await closeRound(pastId, system);
  // Dated as it ran: the last month of that half-year.
  const pastEnd = new Date(now - 150 * 86_400_000);
  await ddb.send(new UpdateCommand({ TableName: tableName(), Key: keys.evalRound(pastId), UpdateExpression: 'SET opensAt = :o, closesAt = :c', ExpressionAttributeValues: { ':o': new Date(pastEnd.getTime() - 21 * 86_400_000).toISOString(), ':c': pastEnd.toISOString() } }));
  await publishRound(pastId, undefined, system);
  const jinkou = d.communities.find((c) => c.name === '金口路社区')!;
  const currentId = `eval-${current.period.toLowerCase()}`;
  await putRound(currentId, { title: `${current.label}部门服务评价`, period: current.period, opensAt: new Date(now - 86_400_000).toISOString(), closesAt: new Date(now + 30 * 86_400_000).toISOString() }, system);
  if (!light) await rateAll(currentId, 0.35, new Set([jinkou.id]));
  await ddb.send(new PutCommand({ TableName: tableName(), Item: { ...marker, et: 'demo-marker' } }));
}
