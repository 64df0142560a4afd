// The demo district's last quarter, assessed: the organisation department's entries (with
// evidence) for every community, each community's cross review of its class, the quarter frozen
// from the stored records, and a task for the last of each class. Made once.
import type { Principal } from '../../shared/access.ts';
import { DEFAULT_ASSESSMENT } from '../../shared/assessment/config.ts';
import { previousQuarter, quarterOf } from '../../shared/assessment/quarter.ts';
import { rng, type DemoDistrict } from './demo-district.ts';
import { demoPairings } from './demo-evaluations.ts';

type Staff = Extract<Principal, { kind: 'staff' }>;

export async function seedAssessment(d: DemoDistrict, system: Staff): Promise<void> {
  const { GetCommand, PutCommand } = await import('@aws-sdk/lib-dynamodb');
  const { ddb, tableName } = await import('../../functions/lib/clients.ts');
  const marker = { pk: 'ASSESSHEADS', sk: 'DEMO' };
  if ((await ddb.send(new GetCommand({ TableName: tableName(), Key: marker }))).Item) return;
  const { putEntry } = await import('../../functions/assessment/entries-store.ts');
  const { submitReview } = await import('../../functions/assessment/review-store.ts');
  const { freezeQuarter } = await import('../../functions/assessment/results-store.ts');
  const { createTask } = await import('../../functions/assessment/tasks-store.ts');
  const q = previousQuarter(quarterOf(Date.now()));
  const r = rng(1540);
  const manual = DEFAULT_ASSESSMENT.indicators.filter((i) => i.source === 'manual');
  for (const c of d.communities) {
    const values = Object.fromEntries(manual.map((i) => {
      const target = i.targets[c.class]!;
      return [i.code, { value: Math.min(i.unit === 'permille' ? 1000 : 100_000, Math.round(target * (0.6 + r.next() * 0.6))), evidence: `${c.name}${q}台账` }];
    }));
    await putEntry(q, c.id, { rev: 0, values }, system);
  }
  // Each community scores the others of its class (most of them, as at a real exchange).
  for (const c of d.communities) {
    const peers = d.communities.filter((x) => x.class === c.class && x.id !== c.id && r.next() < 0.8);
    if (!peers.length) continue;
    await submitReview(q, { scores: Object.fromEntries(peers.map((p) => [p.id, 60 + Math.floor(r.next() * 40)])) }, { kind: 'staff', sub: `demo-${c.id}`, role: 'community_staff', scopeId: c.id, name: '演示社区' });
  }
  const frozen = await freezeQuarter(q, undefined, system);
  const pairs = new Map(demoPairings(d).map((p) => [p.communityId, p]));
  const due = new Date(Date.now() + 30 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
  for (const cls of DEFAULT_ASSESSMENT.classes) {
    const last = frozen.results.filter((x) => x.class === cls.code && x.rank !== null).sort((a, b) => b.rank! - a.rank!)[0];
    if (!last) continue;
    const missed = last.indicators.find((i) => i.met === false);
    await createTask({ quarter: q, communityId: last.communityId, ...(missed ? { indicator: missed.code } : {}), text: `${q}考核本类末位，请结对部门协助查找原因并制定整改措施。`, assignee: { kind: 'department', id: pairs.get(last.communityId)!.departmentIds[0]! }, dueOn: due }, system);
  }
  // One for 住建局 too, so its demo user has a task to mark done.
  const zhujian = [...pairs.values()].find((p) => p.departmentIds.includes('dep-zhujian'))!;
  await createTask({ quarter: q, communityId: zhujian.communityId, text: `${q}诉求解决率未达目标，请协助解决老旧小区加装电梯遗留问题。`, assignee: { kind: 'department', id: 'dep-zhujian' }, dueOn: due }, system);
  await ddb.send(new PutCommand({ TableName: tableName(), Item: { ...marker, et: 'demo-marker' } }));
}
