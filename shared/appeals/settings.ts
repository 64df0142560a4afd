// A district's appeals settings as the functions read them (env APPEALS, set from the district
// config at synth, which checks it: infra/districts/validate.ts). Pure: the same fold the
// tests use.
import { OFFICIAL_YEARS, WorkCalendar, type YearSchedule } from './calendar.ts';
import { SHANDONG_LIMITS, type Limits } from './lifecycle.ts';
import { DEFAULT_WEIGHTS, type Weights } from './rates.ts';
import type { AppealType } from './types.ts';

/** Qingdao's "2115" for enterprises: contact within 2 hours, close within 15 working days. */
export const QINGDAO_2115: Limits = { replyDays: 15, returnDays: 2, maxExtensionDays: 10, contactHours: 2 };

export interface AppealsConfig {
  limits?: Partial<Limits>;
  enterpriseLimits?: Partial<Limits>;
  /** Limits of one appeal type (a 咨询 answered sooner, say), over the district's. */
  limitsByType?: Partial<Record<AppealType, Partial<Limits>>>;
  /** Limits of one category (by its code), over its type's. */
  limitsByCategory?: Record<string, Partial<Limits>>;
  /** Requests an Open311 API key may create in an hour (default 300). */
  open311PostsPerHour?: number;
  weights?: Partial<Weights>;
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
