// A district's appeals settings as the functions read them (env APPEALS, set from the district
// config at synth, which checks it: infra/districts/validate.ts). Pure: the same fold the
// tests use.
import { OFFICIAL_YEARS, WorkCalendar, type YearSchedule } from './calendar.ts';
import { SHANDONG_LIMITS, type Limits } from './lifecycle.ts';
import { DEFAULT_WEIGHTS, type Weights } from './rates.ts';
import type { AppealType } from './types.ts';

/** Qingdao's "2115" for enterprises: contact within 2 hours, close within 15 working days. */
export const QINGDAO_2115: Limits = { replyDays: 15, returnDays: 2, maxExtensionDays: 10, contactHours: 2 };

/** A district's appeals config (infra/districts/types.ts holds it; synth checks it). */
export interface AppealsConfig {
  /** Unset ones take Shandong's: reply 5 working days, return 2, extend by at most 10. */
  limits?: Partial<Limits>;
  /** Enterprises' appeals; unset ones take Qingdao's 2115 (contact within 2 hours, close within 15 working days). */
  enterpriseLimits?: Partial<Limits>;
  /** Limits of an appeal type over the district's, e.g. `{ consult: { replyDays: 3 } }`. */
  limitsByType?: Partial<Record<AppealType, Partial<Limits>>>;
  /** Limits of a category (its code in the routing catalogue) over its type's, e.g. `{ heating: { replyDays: 2 } }`. */
  limitsByCategory?: Record<string, Partial<Limits>>;
  /** Requests each Open311 API key may create in an hour (default 300). */
  open311PostsPerHour?: number;
  /** Weights of the composite of the 三率 (default 0.1 response, 0.5 resolution, 0.4 satisfaction; common practice, not statute). */
  weights?: Partial<Weights>;
  /** The State Council's schedule for a year the pinned `chinese-days` does not have yet (published each November or December). */
  calendarYears?: YearSchedule[];
}

export interface AppealsSettings {
  limits: Limits; enterpriseLimits: Limits; weights: Weights; calendar: WorkCalendar;
  limitsByType: Partial<Record<AppealType, Partial<Limits>>>; limitsByCategory: Record<string, Partial<Limits>>;
  open311PostsPerHour: number;
}

export function settingsOf(config: AppealsConfig = {}): AppealsSettings {
  return {
    limits: { ...SHANDONG_LIMITS, ...config.limits },
    enterpriseLimits: { ...QINGDAO_2115, ...config.enterpriseLimits },
    weights: { ...DEFAULT_WEIGHTS, ...config.weights },
    limitsByType: config.limitsByType ?? {},
    limitsByCategory: config.limitsByCategory ?? {},
    open311PostsPerHour: config.open311PostsPerHour ?? 300,
    calendar: new WorkCalendar([...OFFICIAL_YEARS, ...(config.calendarYears ?? [])]),
  };
}

/**
 * The limits a case runs under: an enterprise's appeal under the enterprise limits (Qingdao's
 * 2115 is for every enterprise appeal); any other under the district's, with its type's and then
 * its category's overrides, the most specific last.
 */
export function limitsFor(settings: AppealsSettings, c: { enterprise: boolean; type: AppealType; category: string | null }): Limits {
  if (c.enterprise) return settings.enterpriseLimits;
  return { ...settings.limits, ...settings.limitsByType[c.type], ...(c.category ? settings.limitsByCategory[c.category] : undefined) };
}
