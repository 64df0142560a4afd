// Demo votes, so every page has something true to show on a first start:
// - 安庆路16号小区: last vote counted (续聘物业 + 筹集维修资金), a vote now open with about 40%
//   of owners in (the committee's gauge says how far from two thirds), and paper sheets keyed.
// - 中城嘉汇小区: a committee election at gate 3 (candidates nominated, review pending).
// - Committees across the district, formed over the years, for the formation dashboard: 61
//   compounds before this year and 95 now, the +56% the article reports.
// Made through the same stores the API uses; made once, a later start leaves it be.
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Principal } from '../../shared/access.ts';
import { votingRegister } from '../../shared/votes/register.ts';
import { keys } from '../../functions/lib/keys.ts';
import { rng, type DemoDistrict } from './demo-district.ts';
import { registerRows } from './seed.ts';

export const DEMO_BALLOTS = { counted: 'demo-vote-spring', open: 'demo-vote-lift', election: 'demo-election' } as const;
const committee = (compoundId: string): Principal => ({ kind: 'staff', sub: 'demo:committee', role: 'committee', scopeId: compoundId, name: '业委会' });
const committee2 = (compoundId: string): Principal => ({ kind: 'staff', sub: 'demo:committee-2', role: 'committee', scopeId: compoundId, name: '业委会' });
const community = (communityId: string): Principal => ({ kind: 'staff', sub: 'demo:community', role: 'community_staff', scopeId: communityId, name: '社区' });

export async function seedVotes(d: DemoDistrict, doc: DynamoDBDocumentClient, TableName: string, sample = Infinity): Promise<void> {
  const { getBallot, announceBallot } = await import('../../functions/votes/ballot-store.ts');
  const { voteOnline, keyPaper } = await import('../../functions/votes/vote-store.ts');
  const { closeBallot } = await import('../../functions/votes/result-store.ts');
  const { getElection, startElection, signGate } = await import('../../functions/votes/election-store.ts');
  const anqing = d.compounds.find((c) => c.name === '安庆路16号小区')!;
  const jiahui = d.compounds.find((c) => c.name === '中城嘉汇小区')!;
  const rows = registerRows(anqing, sample);
  const roll = votingRegister(rows);
  // One unit per owner votes, the first of their units.
  const firstUnits = [...new Map(roll.map((u) => [u.ownerId, u])).values()].slice(0, sample);
  const { demoHouseholds } = await import('./demo-codes.ts');
  const rules = process.env.VOTE_RULES;
  // The demo's votes open at once; the district's notice period applies to every ballot made through the API.
  process.env.VOTE_RULES = JSON.stringify({ ...JSON.parse(rules ?? '{}'), announceDays: 0 });
  // The counted vote reads as a real one did: announced a month ago, open for two weeks, closed
  // just now (its votes were cast in seconds at seeding; the window is what the notice shows).
  const backdate = (compoundId: string, ballotId: string, closedAt: number) => doc.send(new UpdateCommand({
    TableName, Key: { pk: `BALLOTS#${compoundId}`, sk: `BALLOT#${ballotId}` }, UpdateExpression: 'SET closesAt = :c, opensAt = :o, announcedAt = :a',
    ExpressionAttributeValues: { ':c': new Date(closedAt).toISOString(), ':o': new Date(closedAt - 14 * 86_400_000).toISOString(), ':a': new Date(closedAt - 30 * 86_400_000).toISOString() },
  }));
  try {
    const r = rng(278);
    if (!(await getBallot(anqing.id, DEMO_BALLOTS.counted))) {
      const soon = Date.now() + 800;
      await announceBallot(anqing.id, DEMO_BALLOTS.counted, { kind: 'vote', body: {
        title: `${new Date().getFullYear()}年第一次业主大会表决`, opensAt: new Date(soon).toISOString(), closesAt: new Date(soon + 14 * 86_400_000).toISOString(),
        matters: [
          { id: 'm1', kind: 'ordinary', title: '续聘青岛海岸物业服务有限公司', text: '续聘青岛海岸物业服务有限公司为本小区物业服务企业，合同期三年，物业费标准不变。', attachments: [] },
          { id: 'm2', kind: 'special', title: '筹集专项维修资金用于更新2号楼电梯', text: '按专有面积每平方米25元筹集专项维修资金，用于更新2号楼两部电梯，余额留存专户。', attachments: [] },
          { id: 'm3', kind: 'ordinary', title: '修订业主大会议事规则', text: '修订议事规则第十二条：表决票可通过网上、纸质或书面委托方式提交，每位业主只计一票。', attachments: [] },
        ] } }, committee(anqing.id));
      // Community staff print the letters (a committee may only before voting opens, and the demo opens at once).
      const voter = await demoHouseholds(anqing.id, { kind: 'ballot', id: DEMO_BALLOTS.counted }, new Date(soon + 14 * 86_400_000).toISOString(), community(anqing.communityId));
      await new Promise((res) => setTimeout(res, 900));
      const choice = (x: number, agree: number) => (x < agree ? 'agree' : x < agree + 0.12 ? 'disagree' : x < 0.97 ? 'abstain' : null);
      let i = 0;
      for (const u of firstUnits) {
        if (r.next() > 0.8) continue;
        const choices = Object.fromEntries(([['m1', 0.72], ['m2', 0.7], ['m3', 0.8]] as const).map(([m, p]) => [m, choice(r.next(), p)]).filter(([, c]) => c)) as Record<string, 'agree'>;
        if (!Object.keys(choices).length) continue;
        // Every tenth owner returns a paper sheet, keyed twice by two committee members.
        if (i++ % 10 === 9) {
          await keyPaper(anqing.id, DEMO_BALLOTS.counted, { building: u.building, unit: u.unit, channel: 'paper', sheetNo: `P-${i}`, choices }, committee(anqing.id));
          await keyPaper(anqing.id, DEMO_BALLOTS.counted, { building: u.building, unit: u.unit, channel: 'paper', sheetNo: `P-${i}`, choices }, committee2(anqing.id));
        } else {
          await voteOnline(voter(u), { idempotencyKey: `demo-${u.building}-${u.unit}-counted`.replace(/[^A-Za-z0-9_-]/g, '_').padEnd(16, '_'), choices });
        }
      }
      await backdate(anqing.id, DEMO_BALLOTS.counted, Date.now() - 1000);
      await closeBallot(anqing.id, DEMO_BALLOTS.counted, committee(anqing.id));
    }
    if (!(await getBallot(anqing.id, DEMO_BALLOTS.open))) {
      const soon = Date.now() + 800;
      await announceBallot(anqing.id, DEMO_BALLOTS.open, { kind: 'vote', body: {
        title: '关于利用共有部分增设电动车充电桩的表决', opensAt: new Date(soon).toISOString(), closesAt: new Date(soon + 12 * 86_400_000).toISOString(),
        matters: [{ id: 'm1', kind: 'special', title: '在3号楼北侧增设电动车充电桩', text: '利用3号楼北侧绿化带旁共有部分增设充电桩20个，由物业服务企业经营，收益扣除成本后归全体业主，每年公示。', attachments: [] }] } }, committee(anqing.id));
      const voter = await demoHouseholds(anqing.id, { kind: 'ballot', id: DEMO_BALLOTS.open }, new Date(soon + 12 * 86_400_000).toISOString(), community(anqing.communityId));
      await new Promise((res) => setTimeout(res, 900));
      for (const u of firstUnits) if (r.next() < 0.4) await voteOnline(voter(u), { idempotencyKey: `demo-${u.building}-${u.unit}-open`.replace(/[^A-Za-z0-9_-]/g, '_').padEnd(16, '_'), choices: { m1: r.next() < 0.8 ? 'agree' : 'disagree' } });
    }
    if (!(await getElection(jiahui.id, DEMO_BALLOTS.election))) {
      await startElection(jiahui.id, DEMO_BALLOTS.election, '第一届业主委员会选举', community(jiahui.communityId));
      const jrows = registerRows(jiahui, sample);
      await signGate(jiahui.id, DEMO_BALLOTS.election, 'survey', { reachableOwners: Math.floor(new Set(votingRegister(jrows).map((u) => u.ownerId)).size * 0.8), notes: '网格员入户摸底，八成业主可联系。' }, community(jiahui.communityId));
      await signGate(jiahui.id, DEMO_BALLOTS.election, 'preparatory', { members: [{ name: '王志刚', role: '组长（社区推荐）' }, { name: '刘淑芬', role: '业主代表' }, { name: '陈建国', role: '业主代表' }, { name: '赵敏', role: '社区工作人员' }, { name: '孙海涛', role: '街道代表' }], approvalRef: '金口路社区〔2026〕7号' }, community(jiahui.communityId));
      const names = ['李红梅', '张立新', '周振华', '吴晓东', '郑秀兰', '冯国强', '褚丽娟'];
      await signGate(jiahui.id, DEMO_BALLOTS.election, 'nominations', { candidates: names.map((name, k) => ({ id: `c${k + 1}`, name, building: jrows[k * 7]!.building, unit: jrows[k * 7]!.unit, bio: `在本小区居住${8 + k}年，热心公共事务。`, nominatedBy: k % 2 ? '业主联名推荐' : '自荐' })) }, committee(jiahui.id));
    }
  } finally {
    process.env.VOTE_RULES = rules;
  }
  await seedCommittees(d, doc, TableName);
}

/** 95 compounds with a committee, 61 of them formed before this year. */
async function seedCommittees(d: DemoDistrict, doc: DynamoDBDocumentClient, TableName: string) {
  const year = new Date().getUTCFullYear();
  const withCommittee = d.compounds.filter((_, i) => (i * 7) % 5 < 2).slice(0, 95);
  await Promise.all(withCommittee.map(async (c, k) => {
    const formedYear = k < 61 ? year - 1 - (k % 4) : year;
    const formedAt = new Date(Date.UTC(formedYear, (k * 5) % 11, 1 + (k % 27))).toISOString();
    const termEnd = `${formedYear + 5}${formedAt.slice(4, 10)}`;
    try {
      await doc.send(new PutCommand({ TableName, Item: { ...keys.committeeIndex(c.id), et: 'committee-index', compoundId: c.id, formedAt, members: 5 + 2 * (k % 3), termEnd }, ConditionExpression: 'attribute_not_exists(pk)' }));
    } catch { /* already there */ }
  }));
}
