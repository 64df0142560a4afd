// Scoring a quarter: each indicator's value against its class target, the cross review's
// trimmed mean, a total out of 100, and ranks within each class only ("高个矮个不一块比"). All
// on whole numbers (permille, counts, hundredths of a point), so a recount gives the same table.
import { rankBy } from '../rank.ts';
import type { AssessmentConfig, Indicator } from './config.ts';

/**
 * The mean after dropping the highest and lowest `fraction` of the scores (at least one from
 * each end once there are three or more), so that one outlier cannot swing it; in hundredths.
 */
export function trimmedMeanHundredths(scores: readonly number[], fraction: number): number | null {
  if (!scores.length) return null;
  const sorted = [...scores].sort((a, b) => a - b);
  const k = sorted.length >= 3 ? Math.max(1, Math.floor(sorted.length * fraction)) : 0;
  const kept = sorted.slice(k, sorted.length - k);
  return Math.round((kept.reduce((a, b) => a + b, 0) * 100) / kept.length);
}

/** An indicator's points in hundredths: its weight times how far the value reaches the target (at most all of it). */
export function indicatorPoints(ind: Pick<Indicator, 'direction' | 'weight'>, value: number | null, target: number): number | null {
  if (value === null) return null;
  const reach = ind.direction === 'higher' ? Math.min(value / target, 1) : value <= target ? 1 : target / value;
  return Math.round(ind.weight * 100 * reach);
}

export interface CommunityInput {
  communityId: string;
  name: string;
  class: string;
  /** indicator code → value (null when the quarter has no data for it). */
  values: Record<string, number | null>;
  /** The scores the other communities of its class gave it (0–100). */
  reviews: number[];
}

export interface IndicatorRow { code: string; value: number | null; target: number; points: number | null; met: boolean | null }

export interface CommunityResult {
  communityId: string;
  name: string;
  class: string;
  indicators: IndicatorRow[];
  crossReview: { reviewers: number; meanHundredths: number | null; points: number | null };
  /** Out of 100, in hundredths, over the parts that have data (rescaled), null when none has. */
  totalHundredths: number | null;
  /** Within its class only. */
  rank: number | null;
  classSize: number;
}

export function scoreQuarter(config: AssessmentConfig, inputs: readonly CommunityInput[]): CommunityResult[] {
  const scored = inputs.map((c) => {
    const indicators = config.indicators.map((ind) => {
      const target = ind.targets[c.class] ?? 0;
      const value = c.values[ind.code] ?? null;
      const points = target > 0 ? indicatorPoints(ind, value, target) : null;
      return { code: ind.code, value, target, points, met: value === null ? null : ind.direction === 'higher' ? value >= target : value <= target };
    });
    const mean = trimmedMeanHundredths(c.reviews, config.trimFraction);
    const crossReview = { reviewers: c.reviews.length, meanHundredths: mean, points: mean === null ? null : Math.round((config.crossReviewWeight * mean) / 100) };
    const parts = [...indicators.map((r, i) => [r.points, config.indicators[i]!.weight] as const), [crossReview.points, config.crossReviewWeight] as const].filter(([p, w]) => p !== null && w > 0) as [number, number][];
    const weights = parts.reduce((a, [, w]) => a + w, 0);
    const totalHundredths = weights ? Math.round((parts.reduce((a, [p]) => a + p, 0) * 100) / weights) : null;
    return { communityId: c.communityId, name: c.name, class: c.class, indicators, crossReview, totalHundredths };
  });
  const out: CommunityResult[] = [];
  for (const cls of [...new Set(scored.map((s) => s.class))]) {
    const members = scored.filter((s) => s.class === cls).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
    for (const r of rankBy(members, (m) => m.totalHundredths)) out.push({ ...r, classSize: members.length });
  }
  const order = new Map(config.classes.map((c, i) => [c.code, i]));
  return out.sort((a, b) => (order.get(a.class) ?? 99) - (order.get(b.class) ?? 99) || (a.rank ?? 1e9) - (b.rank ?? 1e9) || a.name.localeCompare(b.name, 'zh-CN'));
}

export interface QuarterChange { communityId: string; what: string; before: number | null; after: number | null }

/** What changed between two versions (or since last quarter): totals, ranks and each indicator's value. */
export function changesBetween(before: readonly CommunityResult[], after: readonly CommunityResult[]): QuarterChange[] {
  const out: QuarterChange[] = [];
  for (const a of after) {
    const b = before.find((x) => x.communityId === a.communityId);
    const note = (what: string, x: number | null | undefined, y: number | null) => {
      if ((x ?? null) !== y) out.push({ communityId: a.communityId, what, before: x ?? null, after: y });
    };
    note('total', b?.totalHundredths, a.totalHundredths);
    note('rank', b?.rank, a.rank);
    note('crossReview', b?.crossReview.meanHundredths, a.crossReview.meanHundredths);
    for (const r of a.indicators) note(`value.${r.code}`, b?.indicators.find((x) => x.code === r.code)?.value, r.value);
  }
  return out;
}
