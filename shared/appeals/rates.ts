// 三率 of appeals, pure: what a unit's cases in a period say about its handling. Shares are
// kept as counts and given in permille (‰) rounded half up, so a report equals a recount.
//
// - 响应率 (response): valid cases whose caller was contacted within the limit / valid cases
//   contacted or past the contact limit (a case still within it is not yet late, as for on time).
// - 按时办结率 (on time): valid cases replied by their deadline / valid cases replied or past due
//   (a case still within its time is not yet late).
// - 解决率 (resolution): solved at follow-up / followed up.
// - 满意率 (satisfaction): (满意 + 0.9 × 基本满意) / followed up.
// - Composite: weights from the district config; 0.1 / 0.5 / 0.4 is common practice in
//   Shandong's 12345 assessments, not statute (the pages say so).

export type Satisfaction = 'satisfied' | 'basic' | 'dissatisfied';

export interface CaseFacts {
  unitId: string;
  /** An invalid case (a prank, a duplicate merged away) counts nowhere. */
  valid: boolean;
  contactDue: string;
  contactedAt?: string | null;
  replyDue: string;
  repliedAt?: string | null;
  followUp?: { solved: boolean; satisfaction: Satisfaction } | null;
}

export interface Weights { response: number; onTime: number; satisfaction: number; resolution: number }
/** Response 0.1, resolution 0.5, satisfaction 0.4. */
export const DEFAULT_WEIGHTS: Weights = { response: 0.1, onTime: 0, resolution: 0.5, satisfaction: 0.4 };

/** What the rates are computed from: whole numbers, so the counts of months add up to a quarter's. */
export interface Counts { valid: number; responded: number; responseBase: number; onTime: number; onTimeBase: number; followedUp: number; solved: number; satisfied: number; basic: number }
export const COUNT_FIELDS = ['valid', 'responded', 'responseBase', 'onTime', 'onTimeBase', 'followedUp', 'solved', 'satisfied', 'basic'] as const;
export const NO_COUNTS: Counts = { valid: 0, responded: 0, responseBase: 0, onTime: 0, onTimeBase: 0, followedUp: 0, solved: 0, satisfied: 0, basic: 0 };

export interface RatePermilles { responsePermille: number | null; onTimePermille: number | null; resolutionPermille: number | null; satisfactionPermille: number | null; compositePermille: number | null }
export type Rates = Counts & RatePermilles;

/** part / whole in ‰, rounded half up; null when nothing was counted. */
export function permille(part: number, whole: number): number | null {
  if (whole === 0) return null;
  return Math.floor((part * 1000 * 2 + whole) / (2 * whole));
}

/** What one case adds to the counts at `now` (a case still within its time is not yet late). */
export function countsOfCase(c: CaseFacts, now: number): Counts {
  if (!c.valid) return NO_COUNTS;
  const replied = c.repliedAt ? Date.parse(c.repliedAt) : null;
  const due = Date.parse(c.replyDue);
  const inBase = replied !== null || now > due;
  const contactDue = Date.parse(c.contactDue);
  return {
    valid: 1,
    responded: c.contactedAt && Date.parse(c.contactedAt) <= contactDue ? 1 : 0,
    responseBase: c.contactedAt || now > contactDue ? 1 : 0,
    onTimeBase: inBase ? 1 : 0,
    onTime: replied !== null && replied <= due ? 1 : 0,
    followedUp: c.followUp ? 1 : 0,
    solved: c.followUp?.solved ? 1 : 0,
    satisfied: c.followUp?.satisfaction === 'satisfied' ? 1 : 0,
    basic: c.followUp?.satisfaction === 'basic' ? 1 : 0,
  };
}

export function addCounts(a: Counts, b: Counts): Counts {
  const out = { ...NO_COUNTS };
  for (const f of COUNT_FIELDS) out[f] = a[f] + b[f];
  return out;
}

export function countsOf(cases: readonly CaseFacts[], now: number): Counts {
  return cases.reduce((sum, c) => addCounts(sum, countsOfCase(c, now)), NO_COUNTS);
}

export function ratesOfCounts(k: Counts, weights: Weights = DEFAULT_WEIGHTS): Rates {
  const responsePermille = permille(k.responded, k.responseBase);
  const onTimePermille = permille(k.onTime, k.onTimeBase);
  const resolutionPermille = permille(k.solved, k.followedUp);
  // 0.9 × 基本满意 in tenths, so the share stays exact.
  const satisfactionPermille = k.followedUp === 0 ? null : permille(k.satisfied * 10 + k.basic * 9, k.followedUp * 10);
  return { ...k, responsePermille, onTimePermille, resolutionPermille, satisfactionPermille, compositePermille: composite({ responsePermille, onTimePermille, resolutionPermille, satisfactionPermille }, weights) };
}

export function ratesOf(cases: readonly CaseFacts[], now: number, weights: Weights = DEFAULT_WEIGHTS): Rates {
  return ratesOfCounts(countsOf(cases, now), weights);
}

/** The weighted sum of the rates that exist, rescaled over their weights; null when none does. */
export function composite(r: Pick<Rates, 'responsePermille' | 'onTimePermille' | 'resolutionPermille' | 'satisfactionPermille'>, w: Weights): number | null {
  const parts: [number | null, number][] = [[r.responsePermille, w.response], [r.onTimePermille, w.onTime], [r.resolutionPermille, w.resolution], [r.satisfactionPermille, w.satisfaction]];
  const present = parts.filter(([v, weight]) => v !== null && weight > 0) as [number, number][];
  const total = present.reduce((a, [, weight]) => a + weight, 0);
  if (total === 0) return null;
  return Math.round(present.reduce((a, [v, weight]) => a + v * weight, 0) / total);
}

export { rankBy } from '../rank.ts';
