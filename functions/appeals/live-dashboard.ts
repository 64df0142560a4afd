// The 三率 dashboard of a month as it stands: the live counters (kept by the appeal-events
// consumer), turned into rates with the same arithmetic the frozen report uses. A glance, not
// a record: the monthly report is frozen from the cases themselves.
import { addCounts, COUNT_FIELDS, NO_COUNTS, rankBy, ratesOfCounts, type Counts } from '../../shared/appeals/rates.ts';
import { UNIT_KINDS, type UnitKind } from '../../shared/appeals/monthly-report.ts';
import { beijingDay } from '../../shared/beijing.ts';
import { liveFigures, STAGES } from './live-figures.ts';
import { readRouting, unitDirectory } from './routing-store.ts';
import { appealsSettings } from './settings.ts';

const countsOf = (n: Record<string, number>): Counts => Object.fromEntries(COUNT_FIELDS.map((f) => [f, n[`n_${f}`] ?? 0])) as unknown as Counts;
const stagesOf = (n: Record<string, number>) => Object.fromEntries(STAGES.map((s) => [s, n[`stage_${s}`] ?? 0])) as Record<(typeof STAGES)[number], number>;
const cardsOf = (n: Record<string, number>) => ({ yellow: n.card_yellow ?? 0, red: n.card_red ?? 0 });

export async function liveDashboard(month = beijingDay(Date.now()).slice(0, 7)) {
  const { weights } = appealsSettings();
  const [live, units, routing] = await Promise.all([liveFigures(month), unitDirectory(), readRouting()]);
  let district = NO_COUNTS;
  let total = 0;
  const districtStages: Record<string, number> = {};
  const districtCards = { yellow: 0, red: 0 };
  const rows: { unit: string; kind: UnitKind; name: string; streetId: string | null; cases: number; stages: ReturnType<typeof stagesOf>; cards: ReturnType<typeof cardsOf>; rates: ReturnType<typeof ratesOfCounts> }[] = [];
  for (const [unit, n] of Object.entries(live.units)) {
    district = addCounts(district, countsOf(n));
    total += n.total ?? 0;
    for (const [s, v] of Object.entries(stagesOf(n))) districtStages[s] = (districtStages[s] ?? 0) + v;
    districtCards.yellow += cardsOf(n).yellow;
    districtCards.red += cardsOf(n).red;
    const kind = unit.slice(0, unit.indexOf(':')) as UnitKind;
    if (!(UNIT_KINDS as readonly string[]).includes(kind) || (n.total ?? 0) === 0) continue;
    const info = units.get(unit);
    rows.push({ unit, kind, name: info?.name ?? unit, streetId: info?.streetId ?? null, cases: n.total ?? 0, stages: stagesOf(n), cards: cardsOf(n), rates: ratesOfCounts(countsOf(n), weights) });
  }
  const ranked = UNIT_KINDS.flatMap((kind) => rankBy(rows.filter((r) => r.kind === kind).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')), (r) => r.rates.compositePermille));
  const categories = new Map(routing.categories.map((c) => [c.code, c.name]));
  return {
    month, weights, updatedAt: new Date().toISOString(),
    district: { cases: total, stages: districtStages, cards: districtCards, rates: ratesOfCounts(district, weights) },
    units: ranked,
    streets: Object.entries(live.streets).filter(([, n]) => (n.total ?? 0) > 0).map(([streetId, n]) => ({ streetId, name: units.get(`street:${streetId}`)?.name ?? (streetId === 'unknown' ? '地址未知' : streetId), cases: n.total ?? 0, stages: stagesOf(n), cards: cardsOf(n), rates: ratesOfCounts(countsOf(n), weights) }))
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
    categories: Object.entries(live.categories).filter(([, n]) => n > 0).map(([code, cases]) => ({ code, name: categories.get(code) ?? (code === 'unmapped' ? '未分类' : code), cases })).sort((a, b) => b.cases - a.cases),
  };
}
