// The demo district's joint projects and red shock teams: 61 teams over the 40 departments, 64
// projects in every state (each claimed by one of the community's paired departments), and a
// few call-outs answered and attended. Made once, through the real stores.
import type { Principal } from '../../shared/access.ts';
import { GIVEN, rng, SURNAMES, type DemoDistrict } from './demo-district.ts';
import { DEMO_EVAL_DEPARTMENTS, demoPairings, pool } from './demo-evaluations.ts';

type Staff = Extract<Principal, { kind: 'staff' }>;


const NEEDS = ['老旧小区加装电梯协调', '背街小巷路面修复', '社区食堂场地改造', '楼院停车秩序整治', '独居老人助餐服务', '雨污管网分流改造', '口袋公园建设', '垃圾分类驿站设置', '充电桩集中安装', '违建拆除后的绿化', '学校周边交通疏导', '社区医疗服务点'];

export async function seedProjects(d: DemoDistrict, system: Staff, light = false): Promise<void> {
  const { GetCommand, PutCommand } = await import('@aws-sdk/lib-dynamodb');
  const { ddb, tableName } = await import('../../functions/lib/clients.ts');
  // Outside the project index, which lists every item of its partition.
  const marker = { pk: 'DEMO', sk: 'PROJECTS' };
  if ((await ddb.send(new GetCommand({ TableName: tableName(), Key: marker }))).Item) return;
  const { putTeam, callOut, answerCallout, recordAttendance } = await import('../../functions/projects/team-store.ts');
  const { proposeProject, claimProject, planProject, addEvidence, endProject } = await import('../../functions/projects/project-store.ts');
  const r = rng(1550);
  const person = () => `${r.pick([...SURNAMES])}${r.pick([...GIVEN])}${r.next() < 0.5 ? r.pick([...GIVEN]) : ''}`;
  // 61 teams: every department one, the first 21 a second.
  // Drawn in order first, then written eight at a time (the same demo whatever order the writes finish in).
  const teams = DEMO_EVAL_DEPARTMENTS.flatMap((dep, i) => (i < 21 ? ['t1', 't2'] : ['t1']).map((teamId) => ({
    departmentId: dep.id, teamId, name: `${dep.name.replace(/^市南区?/, '')}红色突击队${teamId === 't2' ? '二队' : ''}`,
    members: Array.from({ length: 5 + (i % 4) }, (_, k) => ({ id: `m${k + 1}`, name: person(), phone: `139${String(10_000_000 + ((i * 97 + k * 13) % 89_999_999)).slice(0, 8)}`, role: k === 0 ? '队长' : '' })),
  })));
  await pool(teams, (t) => putTeam(t.departmentId, t.teamId, { rev: 0, name: t.name, members: t.members }, { kind: 'staff', sub: `demo-${t.departmentId}`, role: 'department', scopeId: t.departmentId, name: '演示部门' }));
  const pairs = demoPairings(d);
  const staffOf = (communityId: string): Staff => ({ kind: 'staff', sub: `demo-${communityId}`, role: 'community_staff', scopeId: communityId, name: '演示社区' });
  const deptOf = (id: string): Staff => ({ kind: 'staff', sub: `demo-${id}`, role: 'department', scopeId: id, name: '演示部门' });
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const later = (days: number) => new Date(Date.now() + days * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
  // 64 projects: the first 14 communities have two, the rest one; states by position.
  await pool(Array.from({ length: 64 }, (_, i) => i), async (i) => {
    const c = d.communities[i < 28 ? Math.floor(i / 2) : i - 14]!;
    const compounds = d.compounds.filter((x) => x.communityId === c.id).slice(0, 1 + (i % 2)).map((x) => x.id);
    const need = NEEDS[i % NEEDS.length]!;
    let p = await proposeProject(c.id, { title: need, description: `${c.name}居民反映：${need}，需要结对部门协助推进。`, compoundIds: compounds }, staffOf(c.id));
    const stage = i % 8; // 0 proposed, 1 claimed, 2–4 in progress, 5–6 done, 7 dropped
    // Light (tests): one project of each stage carried through, the rest only proposed.
    if (stage === 0 || (light && i >= 16)) return;
    const dep = pairs.find((x) => x.communityId === c.id)!.departmentIds[i % 3]!;
    p = await claimProject(c.id, p.id, deptOf(dep));
    if (stage === 1) return;
    if (stage === 7) {
      await endProject(c.id, p.id, { rev: p.rev, state: 'dropped', reason: '经协商由物业企业自行解决，项目终止。' }, staffOf(c.id));
      return;
    }
    p = await planProject(c.id, p.id, { rev: p.rev, goals: `年内完成${need}，群众满意。`, milestones: [{ title: '方案征求意见', dueOn: later(-20) }, { title: '实施', dueOn: later(30) }, { title: '验收', dueOn: later(60) }] }, deptOf(dep));
    const evidenced = stage >= 5 ? 3 : stage - 1;
    for (let m = 1; m <= evidenced; m++) p = await addEvidence(c.id, p.id, `m${m}`, { rev: p.rev, text: `节点${m}已完成，相关照片和记录已存档。`, doneOn: today , photos: 0 }, m % 2 ? deptOf(dep) : staffOf(c.id));
    if (stage >= 5) await endProject(c.id, p.id, { rev: p.rev, state: 'done' }, staffOf(c.id));
  });
  // A few call-outs: answered, some attended.
  for (let i = 0; i < (light ? 3 : 10); i++) {
    const c = d.communities[i * 5]!;
    const dep = pairs.find((x) => x.communityId === c.id)!.departmentIds[0]!;
    const team = teams.find((t) => t.departmentId === dep)!;
    const out = await callOut({ departmentId: dep, teamId: team.teamId, kind: i % 3 === 0 ? 'emergency' : 'task', task: i % 3 === 0 ? '暴雨积水，协助转移低洼院落老人。' : '协助开展楼院环境集中整治。', place: `${c.name}党群服务中心`, at: new Date(Date.now() + (i - 5) * 3_600_000).toISOString() }, staffOf(c.id));
    await answerCallout(c.id, out.id, { answers: { m1: 'coming', m2: 'coming', m3: i % 2 ? 'cannot' : 'coming' } }, deptOf(dep));
    if (i < 5) await recordAttendance(c.id, out.id, { attended: { m1: 120, m2: 90 }, note: '任务完成' }, staffOf(c.id));
  }
  // Leader liaison this month: most leaders visited one of their communities; a few matters escalated, some settled.
  const { addVisit, escalate, decideEscalation } = await import('../../functions/liaison/store.ts');
  const kinds = ['policy', 'research', 'petition', 'office'] as const;
  for (const [i, p] of pairs.entries()) {
    if (i % 5 === 4) continue;
    await addVisit(p.communityId, { leaderId: p.leaderIds[0]!, kind: kinds[i % 4]!, date: today, raised: `${NEEDS[i % NEEDS.length]}：居民希望尽快推进。` }, system);
    if (i % 10 === 0) {
      const e = await escalate(p.communityId, { leaderId: p.leaderIds[0]!, matter: `${NEEDS[i % NEEDS.length]}涉及多个部门，需要区领导顶格协调。` }, system);
      if (i % 20 === 0) await decideEscalation(p.communityId, e.id, { settled: true, outcome: '已召开协调会，明确牵头部门和完成时限。' }, system);
    }
  }
  // Last year's selection, frozen: the public page lists its winners.
  const { putSelection, nominate, score, freezeSelection } = await import('../../functions/selection/store.ts');
  const { listProjects } = await import('../../functions/projects/project-store.ts');
  const lastYear = String(new Date(Date.now() + 8 * 3_600_000).getUTCFullYear() - 1);
  const panel = Array.from({ length: 5 }, (_, k) => ({ id: `p${k + 1}`, name: person(), title: k === 0 ? '组长' : '评审' }));
  await putSelection(lastYear, { title: `${lastYear}年度优秀共建项目和微心愿评选`, panel, winners: 3 }, system);
  const done = (await listProjects(system, 'done')).sort((a, b) => `${a.communityId}${a.title}`.localeCompare(`${b.communityId}${b.title}`)).slice(0, 4);
  // A project is nominated in the year it was done: these four were done last December (the
  // demo's history, stamped on the project and its summary alike).
  const { UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
  const { keys } = await import('../../functions/lib/keys.ts');
  for (const [k, p] of done.entries()) {
    const doneAt = `${lastYear}-12-${String(10 + k).padStart(2, '0')}T02:00:00.000Z`;
    for (const key of [keys.project(p.communityId, p.id), keys.projectIndex(p.communityId, p.id)]) {
      await ddb.send(new UpdateCommand({ TableName: tableName(), Key: key, UpdateExpression: 'SET doneAt = :d, updatedAt = :d', ExpressionAttributeValues: { ':d': doneAt } }));
    }
  }
  const ids: string[] = [];
  for (const p of done) ids.push((await nominate(lastYear, { kind: 'project', communityId: p.communityId, projectId: p.id, reason: '群众满意度高，可复制推广。' }, system)).id);
  for (const [k, title] of ['为独居老人修好暖气', '困境儿童的新书包'].entries()) ids.push((await nominate(lastYear, { kind: 'wish', communityId: d.communities[k]!.id, title, story: `${title}：社区党员和志愿者认领微心愿，一周内完成。`, reason: '温暖人心。', photos: 0 }, system)).id);
  for (const [i, id] of ids.entries()) for (const m of panel) await score(lastYear, id, { memberId: m.id, score: 70 + ((i * 7 + Number(m.id.slice(1)) * 3) % 30) }, system);
  await freezeSelection(lastYear, system);
  await ddb.send(new PutCommand({ TableName: tableName(), Item: { ...marker, et: 'demo-marker' } }));
}
