// A community's page: its class over the years, its indicators against target over the frozen
// quarters, its paired departments and leaders, and its open tasks.
import { departments } from '../appeals/routing-store.ts';
import { leaders, pairings } from '../pairings/store.ts';
import { classesFor } from './class-store.ts';
import { frozenQuarters, quarterTable } from './results-store.ts';

export async function communityProfile(communityId: string) {
  const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
  const [classYears, quarters, ps, deps, ls] = await Promise.all([
    Promise.all([year - 1, year].map(async (y) => ({ year: String(y), row: (await classesFor(String(y))).find((r) => r.communityId === communityId)! }))),
    frozenQuarters(),
    pairings(),
    departments(),
    leaders(),
  ]);
  const recent = quarters.slice(0, 8);
  const history = (await Promise.all(recent.map((q) => quarterTable(q.quarter)))).map((t) => {
    const row = t.result.results.find((r) => r.communityId === communityId);
    return row ? { quarter: t.result.quarter, version: t.result.version, class: row.class, rank: row.rank, classSize: row.classSize, totalHundredths: row.totalHundredths, indicators: row.indicators, crossReview: row.crossReview } : null;
  }).filter((x) => x !== null).reverse();
  const pairing = ps.find((p) => p.communityId === communityId);
  const config = recent.length ? (await quarterTable(recent[0]!.quarter)).result.config : null;
  return {
    community: { id: communityId, name: classYears[1]!.row.name },
    classes: classYears.map((c) => ({ year: c.year, class: c.row.class, reason: c.row.reason, changedAt: c.row.changedAt })),
    indicators: config?.indicators.map((i) => ({ code: i.code, name: i.name, nameEn: i.nameEn, unit: i.unit, source: i.source })) ?? [],
    quarters: history,
    departments: (pairing?.departmentIds ?? []).map((id) => ({ id, name: deps.find((d) => d.id === id)?.name ?? id })),
    leaders: (pairing?.leaderIds ?? []).map((id) => ls.find((l) => l.id === id)).filter((l) => l !== undefined),
  };
}
