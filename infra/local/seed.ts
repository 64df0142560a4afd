// Idempotent demo data: every district item is put only if absent, and each demo register
// goes through the real import, which does nothing when the same content is current.
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { Principal } from '../../shared/access.ts';
import { DEMO_DEPARTMENTS, demoRouting, seedAppeals } from './demo-appeals.ts';
import { keys } from '../../functions/lib/keys.ts';
import { demoDistrict, demoRegisterRows, rowsToCsv, type DemoDistrict } from './demo-district.ts';
import type { DemoUser } from './auth.ts';

const SYSTEM: Principal = { kind: 'staff', sub: 'system:demo-seed', role: 'district_admin', scopeId: 'district', name: '演示数据' };

/**
 * Compounds that get a full owners' register at start; the rest wait for their committee.
 * 浮山所小区 and 湖北路71号小区 are in the two demo communities' scope (jinkou, xizang), so a community
 * user can issue codes on a first start.
 */
export function demoRegisterCompounds(d: DemoDistrict): DemoDistrict['compounds'] {
  const named = new Set(['安庆路16号小区', '中城嘉汇小区', '浮山花园小区', '浮山所小区', '湖北路71号小区']);
  return d.compounds.filter((c, i) => named.has(c.name) || i % 40 === 0);
}

export function demoUsers(d: DemoDistrict): DemoUser[] {
  const community = (name: string) => d.communities.find((c) => c.name === name)!;
  const street = (id: string) => d.streets.find((s) => s.id === id)!;
  const compound = d.compounds.find((c) => c.name === '安庆路16号小区')!;
  const jinkou = community('金口路社区');
  const xizang = community('西藏路社区');
  return [
    { username: 'admin', name: '区管理员', role: 'district_admin', scopeId: 'district', scopeName: '市南区' },
    { username: 'street', name: '街道工作人员', role: 'street_staff', scopeId: compound.streetId, scopeName: street(compound.streetId).name },
    { username: 'jinkou', name: '金口路社区工作人员', role: 'community_staff', scopeId: jinkou.id, scopeName: jinkou.name },
    { username: 'xizang', name: '西藏路社区工作人员', role: 'community_staff', scopeId: xizang.id, scopeName: xizang.name },
    { username: 'anqing', name: '安庆路16号小区业委会', role: 'committee', scopeId: compound.id, scopeName: compound.name },
    { username: 'hotline', name: '12345热线派单员', role: 'dispatcher', scopeId: 'district', scopeName: '市南区12345热线' },
    { username: 'zhujian', name: '区住建局工作人员', role: 'department', scopeId: 'dep-zhujian', scopeName: '市南区住房和城乡建设局' },
  ];
}

async function putIfAbsent(doc: DynamoDBDocumentClient, TableName: string, Item: Record<string, unknown>): Promise<boolean> {
  try {
    await doc.send(new PutCommand({ TableName, Item, ConditionExpression: 'attribute_not_exists(pk)' }));
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/**
 * sample: registers of a few dozen units, at most this many households rating per compound and
 * owners voting per ballot (tests seed the whole demo through the same code, smaller; `npm start`
 * seeds it all).
 */
export async function seedDemo(doc: DynamoDBDocumentClient, TableName: string, options: { registers?: boolean; sample?: number } = {}): Promise<{ created: number; registers: number }> {
  const d = demoDistrict();
  const items: Record<string, unknown>[] = [
    ...d.streets.map((s) => ({ ...keys.street(s.id), et: 'street', ...s })),
    ...d.communities.map((c) => ({ ...keys.community(c.id), et: 'community', ...c })),
    ...d.companies.map((c) => ({ ...keys.company(c.id), et: 'company', ...c })),
    ...d.grids.map((g) => ({ ...keys.grid(g.id), et: 'grid', ...g })),
    ...d.compounds.map(({ floors: _f, ...c }) => ({
      ...keys.compound(c.id), et: 'compound', ...c, rev: 1, currentVersion: 0, registerHash: '', unitCount: 0, totalAreaHundredths: 0, ownerHeads: 0, updatedAt: new Date(0).toISOString(),
    })),
    ...DEMO_DEPARTMENTS.map((dep) => ({ ...keys.department(dep.id), et: 'department', ...dep, updatedAt: new Date(0).toISOString() })),
    { ...keys.appealRouting(), et: 'appeal-routing', ...demoRouting(d), rev: 1, updatedAt: new Date(0).toISOString() },
  ];
  let created = 0;
  let next = 0;
  await Promise.all(Array.from({ length: 16 }, async () => {
    while (next < items.length) if (await putIfAbsent(doc, TableName, items[next++]!)) created++;
  }));
  let registers = 0;
  // GONGZHI_SEED_TIMING=1 prints how long each part of the seed took (to find what a slow start spends).
  let mark = Date.now();
  const took = (what: string) => {
    if (process.env.GONGZHI_SEED_TIMING) console.error(`seed ${what}: ${Date.now() - mark} ms`);
    mark = Date.now();
  };
  if (options.registers !== false) {
    // Imported late so that the handlers' modules read the environment the district set.
    const { importRegister } = await import('../../functions/registry/register-store.ts');
    for (const compound of demoRegisterCompounds(d)) {
      const csv = rowsToCsv(registerRows(compound, options.sample));
      const report = await importRegister(compound.id, { mode: 'commit', fileName: `${compound.name}.csv`, contentBase64: Buffer.from(csv).toString('base64') }, SYSTEM);
      if (!report.unchanged) registers++;
    }
    took('registers');
    await seedRatings(d, options.sample ?? Infinity);
    took('ratings');
    const { seedVotes } = await import('./demo-votes.ts');
    await seedVotes(d, doc, TableName, options.sample ?? Infinity);
    took('votes');
    const { seedEvaluations } = await import('./demo-evaluations.ts');
    // Tests seed the demo on a loaded machine beside other files: fewer evaluations and projects carried through every step.
    const light = options.sample !== undefined && Number.isFinite(options.sample);
    await seedEvaluations(d, SYSTEM as Extract<Principal, { kind: 'staff' }>, light);
    took('evaluations');
    const { seedProjects } = await import('./demo-projects.ts');
    await seedProjects(d, SYSTEM as Extract<Principal, { kind: 'staff' }>, light);
    took('projects');
    if (await seedAppeals(d, options.sample === undefined || !Number.isFinite(options.sample) ? 2000 : Math.min(24, options.sample * 2))) await freezePastMonths();
    took('appeals');
    const { seedAssessment } = await import('./demo-assessment.ts');
    await seedAssessment(d, SYSTEM as Extract<Principal, { kind: 'staff' }>);
    took('assessment');
  }
  return { created, registers };
}

/** The demo's months before this one, frozen as the centre would have at each month's end (the trend charts read them). */
async function freezePastMonths(): Promise<void> {
  const { freezeMonth } = await import('../../functions/appeals/monthly-store.ts');
  const { beijingDay } = await import('../../shared/beijing.ts');
  const today = beijingDay(Date.now()).slice(0, 7);
  let [y, m] = today.split('-').map(Number) as [number, number];
  for (let i = 0; i < 12; i++) {
    [y, m] = m === 1 ? [y - 1, 12] : [y, m - 1];
    // A month without a case (a small sample) has no report.
    await freezeMonth(`${y}-${String(m).padStart(2, '0')}`, undefined, SYSTEM as Extract<Principal, { kind: 'staff' }>).catch((e: { code?: string }) => {
      if (e.code !== 'empty_month') throw e;
    });
  }
}

/**
 * Two demo campaigns: last half-year's, rated by about half the households of the compounds
 * with a register, closed and published (so the public notices have something to show), and
 * this half-year's, open over the whole district. Made once; a later start leaves them be.
 */
async function seedRatings(d: DemoDistrict, sample: number): Promise<void> {
  const { getCampaign, putCampaign, closeCampaign } = await import('../../functions/ratings/campaign-store.ts');
  const { submitRating } = await import('../../functions/ratings/submission-store.ts');
  const { publishCompound } = await import('../../functions/ratings/publication-store.ts');
  const { answersFor } = await import('./demo-ratings.ts');
  const year = new Date().getFullYear();
  const now = Date.now();
  const issuer = '青岛市市南区住房和城乡建设局';
  if (!(await getCampaign(DEMO_CAMPAIGNS.past))) {
    const compounds = demoRegisterCompounds(d);
    await putCampaign(DEMO_CAMPAIGNS.past, { title: `${year}年上半年物业服务评价`, period: `${year}年上半年`, issuer, templateId: 'standard', opensAt: new Date(now - 3_600_000).toISOString(), closesAt: new Date(now + 3_600_000).toISOString(), compoundIds: compounds.map((c) => c.id) }, SYSTEM);
    const { demoHouseholds } = await import('./demo-codes.ts');
    for (const compound of compounds) {
      const rows = registerRows(compound, sample);
      const raters = rows.filter((_, i) => answersFor(compound, i).rates).slice(0, sample);
      const household = await demoHouseholds(compound.id, { kind: 'rating', id: DEMO_CAMPAIGNS.past }, new Date(now + 3_000_000).toISOString(), SYSTEM);
      let next = 0;
      await Promise.all(Array.from({ length: 8 }, async () => {
        while (next < raters.length) {
          const i = next++;
          const row = raters[i]!;
          await submitRating(household(row), { ...answersFor(compound, i).answers, questionsRev: 1 });
        }
      }));
    }
    await closeCampaign(DEMO_CAMPAIGNS.past, SYSTEM);
    for (const compound of compounds) await publishCompound(DEMO_CAMPAIGNS.past, compound.id, undefined, SYSTEM);
    // Dated as it ran: closed early in the last quarter, so that quarter's assessment reads its notices.
    const { UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
    const { ddb, tableName } = await import('../../functions/lib/clients.ts');
    const { keys: k } = await import('../../functions/lib/keys.ts');
    const { previousQuarter, quarterBounds, quarterOf } = await import('../../shared/assessment/quarter.ts');
    const closedAt = new Date(Date.parse(quarterBounds(previousQuarter(quarterOf(now))).start) + 10 * 86_400_000).toISOString();
    await ddb.send(new UpdateCommand({ TableName: tableName(), Key: k.campaign(DEMO_CAMPAIGNS.past), UpdateExpression: 'SET opensAt = :o, closesAt = :c', ExpressionAttributeValues: { ':o': new Date(Date.parse(closedAt) - 21 * 86_400_000).toISOString(), ':c': closedAt } }));
  }
  if (!(await getCampaign(DEMO_CAMPAIGNS.current))) {
    await putCampaign(DEMO_CAMPAIGNS.current, { title: `${year}年下半年物业服务评价`, period: `${year}年下半年`, issuer, templateId: 'standard', opensAt: new Date(now - 60_000).toISOString(), closesAt: new Date(now + 28 * 86_400_000).toISOString(), compoundIds: d.compounds.map((c) => c.id) }, SYSTEM);
  }
}

/** A compound's demo register, or its first few dozen units when seeding a sample. */
export function registerRows(compound: DemoDistrict['compounds'][number], sample?: number) {
  const rows = demoRegisterRows(compound);
  return sample === undefined || !Number.isFinite(sample) ? rows : rows.slice(0, Math.max(48, sample * 4));
}

export const DEMO_CAMPAIGNS = { past: 'demo-rating-h1', current: 'demo-rating-h2' } as const;
