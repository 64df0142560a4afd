// The demo district that `npm start` loads, seeded the whole way on a fresh table (with fewer
// ratings and votes than `npm start` makes, through the same code), and again on the same
// table: every demo submission goes through the real stores (with the household codes they
// spend), so a change to the rules that breaks the first start fails here, not on a new
// user's machine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, testDistrict } from '../support/district.ts';
import type { LocalDistrict } from '../../infra/local/district.ts';
import { demoDistrict } from '../../infra/local/demo-district.ts';
import { DEMO_CAMPAIGNS, demoRegisterCompounds, demoUsers, seedDemo } from '../../infra/local/seed.ts';
import { DEMO_BALLOTS } from '../../infra/local/demo-votes.ts';

const d = demoDistrict();
const anqing = d.compounds.find((c) => c.name === '安庆路16号小区')!;
let district: LocalDistrict;

beforeAll(async () => {
  district = await testDistrict({ seed: 'demo', demoSample: 12 });
}, 480_000);
afterAll(async () => district?.stop());

describe('the demo district', () => {
  it('publishes last half-year\'s ratings for every compound with a register, rated with spent household codes', async () => {
    const registered = demoRegisterCompounds(d);
    const campaign = await call(district, 'GET', `/api/public/ratings/${DEMO_CAMPAIGNS.past}`);
    expect(campaign.status).toBe(200);
    const published = JSON.stringify(campaign.json);
    for (const c of registered) expect(published).toContain(c.id);
    const admin = await district.auth.issue('admin');
    const codes = await call(district, 'GET', `/api/registry/compounds/${anqing.id}/codes?purposeId=${DEMO_CAMPAIGNS.past}`, { token: admin });
    expect(codes.status).toBe(200);
    expect(codes.json.counts.used).toBeGreaterThan(0);
  });

  it('has a counted vote with its result public and an open vote with votes in', async () => {
    const counted = await call(district, 'GET', `/api/public/ballots/${anqing.id}/${DEMO_BALLOTS.counted}`);
    expect(counted.status).toBe(200);
    expect(counted.json.result).toBeTruthy();
    // It reads as a real vote: open for two weeks, announced long enough before.
    const { opensAt, closesAt } = counted.json.result;
    expect(Date.parse(closesAt) - Date.parse(opensAt)).toBe(14 * 86_400_000);
    expect(Date.parse(opensAt) - Date.parse(counted.json.announcedAt)).toBeGreaterThanOrEqual(15 * 86_400_000);
    const committee = await district.auth.issue('anqing');
    const open = await call(district, 'GET', `/api/votes/compounds/${anqing.id}/ballots/${DEMO_BALLOTS.open}`, { token: committee });
    expect(open.status).toBe(200);
    expect(JSON.stringify(open.json)).toMatch(/"voteCount":[1-9]/);
  });

  it('lets each community demo user reach a compound with a register, so the README walk-through works', async () => {
    for (const user of demoUsers(d).filter((u) => u.role === 'community_staff')) {
      expect(demoRegisterCompounds(d).some((c) => c.communityId === user.scopeId), user.username).toBe(true);
    }
  });

  it('has 40 departments and 30 leaders paired with the 50 communities, last half-year\'s ranking published and this half-year\'s round open', async () => {
    const admin = await district.auth.issue('admin');
    const p = (await call(district, 'GET', '/api/pairings', { token: admin })).json;
    expect(p.departments).toHaveLength(40);
    expect(p.leaders).toHaveLength(30);
    expect(p.pairings).toHaveLength(50);
    expect(new Set(p.pairings.flatMap((x: { leaderIds: string[] }) => x.leaderIds)).size).toBe(30);
    const rounds = (await call(district, 'GET', '/api/evaluations/rounds', { token: admin })).json.rounds;
    expect(rounds.map((r: { state: string }) => r.state)).toEqual(['open', 'published']);
    const ranking = (await call(district, 'GET', `/api/evaluations/rounds/${rounds[1].id}/ranking`, { token: admin })).json.publication;
    expect(ranking.results.filter((r: { rank: number | null }) => r.rank !== null).length).toBeGreaterThan(3);
    // The README walk-through: 金口路社区 has its departments still to rate; 住建局 reads its result.
    const form = (await call(district, 'GET', '/api/evaluations/form', { token: await district.auth.issue('jinkou') })).json;
    const open = form.rounds.find((r: { round: { state: string } }) => r.round.state === 'open');
    expect(open.departments.length).toBe(3);
    expect(open.departments.every((x: { evaluation: unknown }) => x.evaluation === null)).toBe(true);
    const mine = (await call(district, 'GET', '/api/evaluations/departments/dep-zhujian', { token: await district.auth.issue('zhujian') })).json;
    expect(mine.rounds[0].result.raters).toBeGreaterThan(0);
  });

  it('has last quarter frozen from the stored records, each class ranked on its own, with a task for the last of each class', async () => {
    const admin = await district.auth.issue('admin');
    const quarters = (await call(district, 'GET', '/api/assessment/quarters', { token: admin })).json.quarters;
    expect(quarters).toHaveLength(1);
    const table = (await call(district, 'GET', `/api/assessment/quarters/${quarters[0].quarter}/results`, { token: admin })).json.result;
    expect(table.results).toHaveLength(50);
    expect(table.inputs.reviews).toBe(50);
    // The last half-year's rating campaign closed in that quarter: its notices are read.
    expect(table.inputs.notices).toBeGreaterThan(0);
    for (const cls of ['强基', '创优', '示范']) expect(table.results.filter((r: { class: string; rank: number }) => r.class === cls && r.rank === 1).length).toBeGreaterThan(0);
    const tasks = (await call(district, 'GET', '/api/assessment/tasks', { token: admin })).json.tasks;
    expect(tasks).toHaveLength(4);
    // The README's walk-through: 住建局 has a task and last half-year's comments.
    const zhujian = await district.auth.issue('zhujian');
    expect((await call(district, 'GET', '/api/assessment/tasks', { token: zhujian })).json.tasks.length).toBeGreaterThan(0);
    const results = (await call(district, 'GET', '/api/evaluations/departments/dep-zhujian', { token: zhujian })).json.rounds;
    expect(results[0].comments.length).toBeGreaterThan(0);
  });

  it('has 61 red shock teams and 64 joint projects in every state, a department seeing its own', async () => {
    const admin = await district.auth.issue('admin');
    expect((await call(district, 'GET', '/api/teams', { token: admin })).json.teams).toHaveLength(61);
    const projects = (await call(district, 'GET', '/api/projects', { token: admin })).json.projects;
    expect(projects).toHaveLength(64);
    expect(new Set(projects.map((p: { state: string }) => p.state))).toEqual(new Set(['proposed', 'claimed', 'in_progress', 'done', 'dropped']));
    const mine = (await call(district, 'GET', '/api/projects', { token: await district.auth.issue('zhujian') })).json.projects;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((p: { departmentId: string | null; state: string }) => p.departmentId === 'dep-zhujian' || p.state === 'proposed')).toBe(true);
    expect((await call(district, 'GET', '/api/teams/callouts', { token: admin })).json.callouts).toHaveLength(3);
    // Last year's selection is frozen and public; this month's liaison has visits.
    const lastYear = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear() - 1;
    expect((await call(district, 'GET', `/api/public/selection/${lastYear}`)).json.winners.length).toBeGreaterThanOrEqual(3);
    const liaison = (await call(district, 'GET', '/api/liaison', { token: admin })).json.leaders;
    expect(liaison.reduce((a: number, l: { visits: number }) => a + l.visits, 0)).toBe(40);
  });

  it('seeds again on the same table without error and without adding anything', async () => {
    expect(await seedDemo(district.doc, district.tableName, { sample: 12 })).toEqual({ created: 0, registers: 0 });
  }, 120_000);
});
