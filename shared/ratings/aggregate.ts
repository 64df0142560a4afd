// The arithmetic of both notices. Everything is counted in integers: a household adds
// counters, the figures are ratios of counters, and rates are rounded once, at the end,
// half up to a tenth of a percent (permille). The live dashboard and the published notice
// use the same counters; only their inputs differ (live events vs. stored submissions).
import { CONTRACT_ANSWERS, OVERALL_ANSWERS, SCORES, type Questionnaire, type RatingAnswers } from './questionnaire.ts';

/** Flat named counters: what one household adds, or what many added. */
export type Counters = Record<string, number>;

export const counterKeys = {
  respondents: 'n',
  suggestions: 's',
  item: (i: number, answer: string) => `c${i}_${answer}`,
  dimensionSum: (id: string) => `d_${id}_sum`,
  dimensionScore: (id: string, score: number) => `d_${id}_${score}`,
  overall: (answer: string) => `o_${answer}`,
};

/** Every counter a questionnaire with up to `items` contract items can produce. */
export function counterNames(q: Questionnaire, items: number): string[] {
  return [
    counterKeys.respondents, counterKeys.suggestions,
    ...Array.from({ length: items }, (_, i) => CONTRACT_ANSWERS.map((a) => counterKeys.item(i, a))).flat(),
    ...q.dimensions.flatMap((d) => [counterKeys.dimensionSum(d.id), ...SCORES.map((s) => counterKeys.dimensionScore(d.id, s))]),
    ...OVERALL_ANSWERS.map(counterKeys.overall),
  ];
}

/** What one household's answers add to a compound's counters. */
export function contribution(q: Questionnaire, a: RatingAnswers): Counters {
  const c: Counters = { [counterKeys.respondents]: 1 };
  a.contract.forEach((answer, i) => (c[counterKeys.item(i, answer)] = 1));
  for (const d of q.dimensions) {
    const s = a.scores[d.id];
    if (s === undefined) continue;
    c[counterKeys.dimensionSum(d.id)] = s;
    c[counterKeys.dimensionScore(d.id, s)] = 1;
  }
  c[counterKeys.overall(a.overall)] = 1;
  if (a.suggestion && a.suggestion.trim()) c[counterKeys.suggestions] = 1;
  return c;
}

/** a + sign × b, dropping zeros so equal sums compare equal whatever their history. */
export function addCounters(a: Counters, b: Counters, sign: 1 | -1 = 1): Counters {
  const out: Counters = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const next = (out[k] ?? 0) + sign * v;
    if (next === 0) delete out[k];
    else out[k] = next;
  }
  return out;
}

export function sumCounters(all: Iterable<Counters>): Counters {
  let total: Counters = {};
  for (const c of all) total = addCounters(total, c);
  return total;
}

/** num/den × scale, rounded half up; null when there is nothing to divide by. */
export function ratio(num: number, den: number, scale = 1000): number | null {
  if (den <= 0) return null;
  return Math.floor((2 * num * scale + den) / (2 * den));
}

export interface ItemFigures { item: string; done: number; partial: number; not: number; unknown: number; answered: number; donePermille: number | null; partialPermille: number | null; notPermille: number | null }
export interface ContractNotice {
  items: ItemFigures[];
  /** (已履行 + weight × 部分履行) / (已履行 + 部分履行 + 未履行) over all items; 不清楚 stays out. */
  performancePermille: number | null;
  /** The exact inputs of the rate, in hundredths of an answer, so anyone can recompute it. */
  performanceNumerator: number;
  performanceDenominator: number;
  partialWeightPct: number;
}
export interface DimensionFigures { id: string; label: string; labelEn: string; answered: number; sum: number; meanHundredths: number | null; distribution: number[] }
export interface QualityNotice {
  dimensions: DimensionFigures[];
  overall: { satisfied: number; basic: number; unsatisfied: number };
  /** (满意 + 基本满意) / respondents. */
  satisfactionPermille: number | null;
  respondents: number;
  households: number;
  participationPermille: number | null;
  participationFloorPct: number;
  belowFloor: boolean;
  suggestions: number;
}
export interface Figures { contract: ContractNotice; quality: QualityNotice }

const get = (c: Counters, k: string) => c[k] ?? 0;

export function figures(q: Questionnaire, serviceItems: readonly string[], counters: Counters, households: number): Figures {
  const items = serviceItems.map((item, i): ItemFigures => {
    const [done, partial, not, unknown] = CONTRACT_ANSWERS.map((a) => get(counters, counterKeys.item(i, a))) as [number, number, number, number];
    const answered = done + partial + not;
    return { item, done, partial, not, unknown, answered, donePermille: ratio(done, answered), partialPermille: ratio(partial, answered), notPermille: ratio(not, answered) };
  });
  const num = items.reduce((s, i) => s + 100 * i.done + q.partialWeightPct * i.partial, 0);
  const den = items.reduce((s, i) => s + 100 * i.answered, 0);
  const respondents = get(counters, counterKeys.respondents);
  const dimensions = q.dimensions.map((d): DimensionFigures => {
    const distribution = SCORES.map((s) => get(counters, counterKeys.dimensionScore(d.id, s)));
    const answered = distribution.reduce((a, b) => a + b, 0);
    const sum = get(counters, counterKeys.dimensionSum(d.id));
    return { id: d.id, label: d.label, labelEn: d.labelEn, answered, sum, meanHundredths: ratio(sum, answered, 100), distribution };
  });
  const [satisfied, basic, unsatisfied] = OVERALL_ANSWERS.map((a) => get(counters, counterKeys.overall(a))) as [number, number, number];
  const participationPermille = ratio(respondents, households);
  return {
    contract: { items, performancePermille: ratio(num, den), performanceNumerator: num, performanceDenominator: den, partialWeightPct: q.partialWeightPct },
    quality: {
      dimensions,
      overall: { satisfied, basic, unsatisfied },
      satisfactionPermille: ratio(satisfied + basic, respondents),
      respondents,
      households,
      participationPermille,
      participationFloorPct: q.participationFloorPct,
      // Compared exactly: respondents/households < floor/100.
      belowFloor: households > 0 && respondents * 100 < q.participationFloorPct * households,
      suggestions: get(counters, counterKeys.suggestions),
    },
  };
}

export interface FigureChange { what: string; before: number | null; after: number | null }

/** What a correction changed, in the terms a reader of the notice uses. */
export function changesBetween(before: Figures, after: Figures): FigureChange[] {
  const out: FigureChange[] = [];
  const note = (what: string, b: number | null, a: number | null) => {
    if (b !== a) out.push({ what, before: b, after: a });
  };
  note('quality.respondents', before.quality.respondents, after.quality.respondents);
  note('quality.households', before.quality.households, after.quality.households);
  note('quality.participationPermille', before.quality.participationPermille, after.quality.participationPermille);
  note('quality.satisfactionPermille', before.quality.satisfactionPermille, after.quality.satisfactionPermille);
  for (const d of after.quality.dimensions) note(`quality.dimension.${d.id}.meanHundredths`, before.quality.dimensions.find((x) => x.id === d.id)?.meanHundredths ?? null, d.meanHundredths);
  note('contract.performancePermille', before.contract.performancePermille, after.contract.performancePermille);
  after.contract.items.forEach((item, i) => note(`contract.item.${i}.donePermille`, before.contract.items[i]?.donePermille ?? null, item.donePermille));
  return out;
}

export interface CompanyInput { companyId: string; companyName: string; compoundId: string; figures: Figures }
export interface CompanyRank {
  rank: number; companyId: string; companyName: string; compounds: number; respondents: number; households: number;
  satisfactionPermille: number | null; performancePermille: number | null; participationPermille: number | null; compoundsBelowFloor: number;
}

/**
 * A district table of property companies over the compounds they serve: rates pooled over
 * all their respondents (not a mean of compound rates, so a small compound weighs little),
 * ranked by satisfaction, then performance; equal figures share a rank.
 */
export function rankCompanies(inputs: CompanyInput[]): CompanyRank[] {
  const by = new Map<string, { name: string; compounds: number; respondents: number; households: number; satisfied: number; num: number; den: number; below: number }>();
  for (const i of inputs) {
    const e = by.get(i.companyId) ?? { name: i.companyName, compounds: 0, respondents: 0, households: 0, satisfied: 0, num: 0, den: 0, below: 0 };
    const q = i.figures.quality;
    e.compounds++;
    e.respondents += q.respondents;
    e.households += q.households;
    e.satisfied += q.overall.satisfied + q.overall.basic;
    e.num += i.figures.contract.performanceNumerator;
    e.den += i.figures.contract.performanceDenominator;
    if (q.belowFloor) e.below++;
    by.set(i.companyId, e);
  }
  const rows = [...by].map(([companyId, e]) => ({
    companyId, companyName: e.name, compounds: e.compounds, respondents: e.respondents, households: e.households,
    satisfactionPermille: ratio(e.satisfied, e.respondents), performancePermille: ratio(e.num, e.den), participationPermille: ratio(e.respondents, e.households), compoundsBelowFloor: e.below,
  }));
  const key = (r: (typeof rows)[number]) => [r.satisfactionPermille ?? -1, r.performancePermille ?? -1] as const;
  rows.sort((a, b) => {
    const [as, ap] = key(a);
    const [bs, bp] = key(b);
    return bs - as || bp - ap || b.respondents - a.respondents || a.companyId.localeCompare(b.companyId);
  });
  let rank = 0;
  return rows.map((r, i) => {
    const prev = rows[i - 1];
    if (!prev || key(prev)[0] !== key(r)[0] || key(prev)[1] !== key(r)[1]) rank = i + 1;
    return { rank, ...r };
  });
}

/** Permille as the percent text a notice prints: 873 -> "87.3%". */
export function percentText(permille: number | null): string {
  return permille === null ? '—' : `${(permille / 10).toFixed(1)}%`;
}
