// China's working days: weekends off, the State Council's holidays off, and its swapped
// weekend workdays (调休) on. The years come from `chinese-days` (the State Council's
// schedules as data) and from the district's config for a year that package does not have
// yet (the schedule is published each November or December). A day in a year that neither
// has is never guessed from weekends alone without saying so: callers get `known: false`.
import y2024 from 'chinese-days/dist/years/2024.json' with { type: 'json' };
import y2025 from 'chinese-days/dist/years/2025.json' with { type: 'json' };
import y2026 from 'chinese-days/dist/years/2026.json' with { type: 'json' };

/** One year's schedule: days off that would be workdays, and weekend days that are workdays. */
export interface YearSchedule {
  year: number;
  /** YYYY-MM-DD: days off (a weekend day inside a holiday may be listed too). */
  holidays: string[];
  /** YYYY-MM-DD: weekend days worked (调休). */
  workdays: string[];
}

import { beijingDay } from '../beijing.ts';

const DAY = 86_400_000;

function fromPackage(year: number, data: { holidays: Record<string, string>; workdays: Record<string, string> }): YearSchedule {
  return { year, holidays: Object.keys(data.holidays), workdays: Object.keys(data.workdays) };
}

/** The schedules this release knows. */
export const OFFICIAL_YEARS: readonly YearSchedule[] = [fromPackage(2024, y2024), fromPackage(2025, y2025), fromPackage(2026, y2026)];

const DATE = /^(\d{4})-(\d\d)-(\d\d)$/;

/** The problems of a district's added year, one line each (for synth and the config test). */
export function scheduleProblems(s: YearSchedule): string[] {
  const p: string[] = [];
  if (!Number.isInteger(s.year) || s.year < 2000 || s.year > 2100) p.push(`year ${s.year} is not a year`);
  for (const [kind, days] of [['holidays', s.holidays], ['workdays', s.workdays]] as const) {
    for (const d of days) {
      const m = DATE.exec(d);
      if (!m || Number(m[1]) !== s.year || new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) !== d) p.push(`${kind}: "${d}" is not a date in ${s.year}`);
    }
  }
  const both = s.holidays.filter((d) => s.workdays.includes(d));
  if (both.length) p.push(`both a holiday and a workday: ${both.join(', ')}`);
  for (const d of s.workdays) {
    const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (DATE.test(d) && weekday !== 0 && weekday !== 6) p.push(`workdays: ${d} is a weekday already (调休 lists weekend days worked)`);
  }
  return p;
}

export class WorkCalendar {
  private readonly off = new Set<string>();
  private readonly on = new Set<string>();
  private readonly years = new Set<number>();

  /** Later schedules for the same year replace earlier ones (a district's correction wins). */
  constructor(schedules: readonly YearSchedule[] = OFFICIAL_YEARS) {
    const byYear = new Map<number, YearSchedule>();
    for (const s of schedules) byYear.set(s.year, s);
    for (const s of byYear.values()) {
      this.years.add(s.year);
      for (const d of s.holidays) this.off.add(d);
      for (const d of s.workdays) this.on.add(d);
    }
  }

  /** Whether the year's schedule is known. */
  knows(year: number): boolean {
    return this.years.has(year);
  }

  /** A YYYY-MM-DD day: is it worked, and does the calendar know its year? */
  day(date: string): { workday: boolean; known: boolean } {
    const known = this.years.has(Number(date.slice(0, 4)));
    if (this.on.has(date)) return { workday: true, known };
    if (this.off.has(date)) return { workday: false, known };
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return { workday: weekday !== 0 && weekday !== 6, known };
  }
}

/** The Beijing calendar day of an instant, YYYY-MM-DD. */
export const beijingDate = beijingDay;

/** The instant a Beijing calendar day starts. */
export function beijingMidnight(date: string): number {
  return Date.parse(`${date}T00:00:00+08:00`);
}

export function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
}
