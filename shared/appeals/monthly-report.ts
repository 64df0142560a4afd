// The monthly 三率 report, pure: from the facts of a month's cases to the figures that are
// frozen and published. Every figure is kept as whole counts next to its rates, so a quarter
// or a half-year is the sum of its months' frozen counts, and a recount from the stored cases
// gives the same numbers.
import { addCounts, NO_COUNTS, countsOfCase, rankBy, ratesOfCounts, COUNT_FIELDS, type CaseFacts, type Counts, type Rates, type Weights } from './rates.ts';

export const UNIT_KINDS = ['street', 'community', 'department'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** What a report needs of one case: the rate facts, the unit in charge ("community:c1"), where it lies, its category. */
export type ReportCase = Omit<CaseFacts, 'unitId'> & { unit: string | null; streetId: string | null; category: string | null };

export interface UnitRow { unit: string; kind: UnitKind; name: string; streetId: string | null; cases: number; rates: Rates; rank: number | null; ranked: number }
export interface StreetRow { streetId: string; name: string; cases: number; rates: Rates }
export interface CategoryRow { code: string; name: string; cases: number }

export interface ReportFigures {
  /** Every case received in the period, valid or not. */
  cases: number;
  /** Marked invalid or merged into another case: counted nowhere else. */
  excluded: number;
  /** Valid cases no unit held yet (waiting for dispatch): in the district's figures, in no unit's. */
  unassigned: number;
  district: Rates;
  /** Ranked within each kind of unit by the composite: "高个矮个不一块比". */
  units: UnitRow[];
  /** By where the cases lay (not who handled them): what the public page shows. */
  streets: StreetRow[];
  categories: CategoryRow[];
}

export interface Directory {
  unit(key: string): { name: string; streetId: string | null } | undefined;
  street(id: string): string | undefined;
  category(code: string): string | undefined;
}

export const UNMAPPED = 'unmapped';

const kindOf = (key: string): UnitKind | null => {
  const kind = key.slice(0, key.indexOf(':'));
  return (UNIT_KINDS as readonly string[]).includes(kind) ? (kind as UnitKind) : null;
};

interface Tally { cases: number; counts: Counts }
const bump = (map: Map<string, Tally>, key: string, counts: Counts) => {
  const t = map.get(key) ?? { cases: 0, counts: NO_COUNTS };
  map.set(key, { cases: t.cases + 1, counts: addCounts(t.counts, counts) });
};

export function reportFigures(cases: readonly ReportCase[], dir: Directory, now: number, weights: Weights): ReportFigures {
  const units = new Map<string, Tally>();
  const streets = new Map<string, Tally>();
  const categories = new Map<string, number>();
  let district = NO_COUNTS, excluded = 0, unassigned = 0;
  for (const c of cases) {
    if (!c.valid) {
      excluded++;
      continue;
    }
    const counts = countsOfCase({ ...c, unitId: c.unit ?? '' }, now);
    district = addCounts(district, counts);
    if (c.unit && kindOf(c.unit)) bump(units, c.unit, counts);
    else unassigned++;
    if (c.streetId) bump(streets, c.streetId, counts);
    const category = c.category ?? UNMAPPED;
    categories.set(category, (categories.get(category) ?? 0) + 1);
  }
  return assemble({ cases: cases.length, excluded, unassigned, district, units, streets, categories }, dir, weights);
}

interface Sums { cases: number; excluded: number; unassigned: number; district: Counts; units: Map<string, Tally>; streets: Map<string, Tally>; categories: Map<string, number> }

function assemble(s: Sums, dir: Directory, weights: Weights): ReportFigures {
  const rows = [...s.units].map(([unit, t]) => {
    const info = dir.unit(unit);
    return { unit, kind: kindOf(unit)!, name: info?.name ?? unit.slice(unit.indexOf(':') + 1), streetId: info?.streetId ?? null, cases: t.cases, rates: ratesOfCounts(t.counts, weights) };
  });
  const units: UnitRow[] = [];
  for (const kind of UNIT_KINDS) {
    const ofKind = rows.filter((r) => r.kind === kind).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.unit.localeCompare(b.unit));
    const ranked = rankBy(ofKind, (r) => r.rates.compositePermille);
    const count = ranked.filter((r) => r.rank !== null).length;
    units.push(...ranked.map((r) => ({ ...r, ranked: count })));
  }
  const streets = [...s.streets].map(([streetId, t]) => ({ streetId, name: dir.street(streetId) ?? streetId, cases: t.cases, rates: ratesOfCounts(t.counts, weights) }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.streetId.localeCompare(b.streetId));
  const categories = [...s.categories].map(([code, cases]) => ({ code, name: code === UNMAPPED ? '未分类' : dir.category(code) ?? code, cases }))
    .sort((a, b) => b.cases - a.cases || a.code.localeCompare(b.code));
  return { cases: s.cases, excluded: s.excluded, unassigned: s.unassigned, district: ratesOfCounts(s.district, weights), units, streets, categories };
}

const countsOnly = (r: Rates): Counts => Object.fromEntries(COUNT_FIELDS.map((f) => [f, r[f]])) as unknown as Counts;

/** A quarter's or a half-year's figures: its months' counts summed, the rates and ranks computed afresh. */
export function combineFigures(months: readonly ReportFigures[], dir: Directory, weights: Weights): ReportFigures {
  const s: Sums = { cases: 0, excluded: 0, unassigned: 0, district: NO_COUNTS, units: new Map(), streets: new Map(), categories: new Map() };
  const add = (map: Map<string, Tally>, key: string, cases: number, counts: Counts) => {
    const t = map.get(key) ?? { cases: 0, counts: NO_COUNTS };
    map.set(key, { cases: t.cases + cases, counts: addCounts(t.counts, counts) });
  };
  for (const m of months) {
    s.cases += m.cases;
    s.excluded += m.excluded;
    s.unassigned += m.unassigned;
    s.district = addCounts(s.district, countsOnly(m.district));
    for (const u of m.units) add(s.units, u.unit, u.cases, countsOnly(u.rates));
    for (const st of m.streets) add(s.streets, st.streetId, st.cases, countsOnly(st.rates));
    for (const c of m.categories) s.categories.set(c.code, (s.categories.get(c.code) ?? 0) + c.cases);
  }
  // Names as the latest month printed them (a unit renamed since keeps the name it was reported under).
  const printed = new Map<string, { name: string; streetId: string | null }>();
  const streetNames = new Map<string, string>();
  const categoryNames = new Map<string, string>();
  for (const m of months) {
    for (const u of m.units) printed.set(u.unit, { name: u.name, streetId: u.streetId });
    for (const st of m.streets) streetNames.set(st.streetId, st.name);
    for (const c of m.categories) categoryNames.set(c.code, c.name);
  }
  return assemble(s, { unit: (k) => printed.get(k) ?? dir.unit(k), street: (id) => streetNames.get(id) ?? dir.street(id), category: (c) => categoryNames.get(c) ?? dir.category(c) }, weights);
}

export interface FigureChange { scope: 'district' | 'unit' | 'street'; key: string; name: string; field: string; from: number | null; to: number | null }

/** What a correction changed: every count, rate and rank that differs, by district, unit and street. */
export function changesBetween(prev: ReportFigures, next: ReportFigures): FigureChange[] {
  const out: FigureChange[] = [];
  const fields = [...COUNT_FIELDS, 'compositePermille'] as const;
  const compare = (scope: FigureChange['scope'], key: string, name: string, a: (Rates & { cases?: number; rank?: number | null }) | null, b: (Rates & { cases?: number; rank?: number | null }) | null) => {
    for (const f of ['cases', 'rank', ...fields] as const) {
      const from = a ? (a as unknown as Record<string, number | null | undefined>)[f] ?? null : null;
      const to = b ? (b as unknown as Record<string, number | null | undefined>)[f] ?? null : null;
      if (from !== to) out.push({ scope, key, name, field: f, from, to });
    }
  };
  compare('district', 'district', '全区', { ...prev.district, cases: prev.cases }, { ...next.district, cases: next.cases });
  const units = new Set([...prev.units.map((u) => u.unit), ...next.units.map((u) => u.unit)]);
  for (const key of units) {
    const a = prev.units.find((u) => u.unit === key);
    const b = next.units.find((u) => u.unit === key);
    compare('unit', key, (b ?? a)!.name, a ? { ...a.rates, cases: a.cases, rank: a.rank } : null, b ? { ...b.rates, cases: b.cases, rank: b.rank } : null);
  }
  const streets = new Set([...prev.streets.map((s) => s.streetId), ...next.streets.map((s) => s.streetId)]);
  for (const key of streets) {
    const a = prev.streets.find((s) => s.streetId === key);
    const b = next.streets.find((s) => s.streetId === key);
    compare('street', key, (b ?? a)!.name, a ? { ...a.rates, cases: a.cases } : null, b ? { ...b.rates, cases: b.cases } : null);
  }
  return out;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;
const HALF = /^(\d{4})-H([12])$/;
export const PERIOD_PATTERN = /^\d{4}-(0[1-9]|1[0-2]|Q[1-4]|H[12])$/;

/** The months of a period: "2026-10", "2026-Q4" or "2026-H2". */
export function monthsOfPeriod(period: string): string[] {
  const pad = (n: number) => String(n).padStart(2, '0');
  let m = MONTH.exec(period);
  if (m) return [period];
  m = QUARTER.exec(period);
  if (m) return [0, 1, 2].map((i) => `${m![1]}-${pad((Number(m![2]) - 1) * 3 + 1 + i)}`);
  m = HALF.exec(period);
  if (m) return [0, 1, 2, 3, 4, 5].map((i) => `${m![1]}-${pad((Number(m![2]) - 1) * 6 + 1 + i)}`);
  throw new Error(`not a period: ${period}`);
}

/** The first moment after a Beijing month: when its report may be frozen. */
export function monthEndsAt(month: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  // Midnight Beijing (UTC+8, no daylight saving) on the first of the next month.
  return Date.UTC(m === 12 ? y + 1 : y, m === 12 ? 0 : m, 1) - 8 * 3_600_000;
}
