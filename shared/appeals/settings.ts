// A district's appeals settings as the functions read them (env APPEALS, set from the district
// config at synth, which checks it: infra/districts/validate.ts). Pure: the same fold the
// tests use.
import { OFFICIAL_YEARS, WorkCalendar, type YearSchedule } from './calendar.ts';
import { SHANDONG_LIMITS, type Limits } from './lifecycle.ts';
import { DEFAULT_WEIGHTS, type Weights } from './rates.ts';

/** Qingdao's "2115" for enterprises: contact within 2 hours, close within 15 working days. */
export const QINGDAO_2115: Limits = { replyDays: 15, returnDays: 2, maxExtensionDays: 10, contactHours: 2 };

export interface AppealsConfig {
  limits?: Partial<Limits>;
  enterpriseLimits?: Partial<Limits>;
  weights?: Partial<Weights>;
  calendarYears?: YearSchedule[];
}

export interface AppealsSettings { limits: Limits; enterpriseLimits: Limits; weights: Weights; calendar: WorkCalendar }

export function settingsOf(config: AppealsConfig = {}): AppealsSettings {
  return {
    limits: { ...SHANDONG_LIMITS, ...config.limits },
    enterpriseLimits: { ...QINGDAO_2115, ...config.enterpriseLimits },
    weights: { ...DEFAULT_WEIGHTS, ...config.weights },
    calendar: new WorkCalendar([...OFFICIAL_YEARS, ...(config.calendarYears ?? [])]),
  };
}
