// Time limits of an appeal, pure. "Within N working days" counts from the working day after
// the day the case arrives (a case received at 23:59 on a holiday eve has its first day after
// the holiday) and ends when the Nth working day ends, Beijing time. Hour limits (Qingdao's
// 2115: contact within 2 hours) are clock hours. A yellow card (黄牌) is due at 80% of the time
// allowed, a red card (红牌) at the deadline.
import { beijingDate, beijingMidnight, nextDate, type WorkCalendar } from './calendar.ts';

export interface Deadline {
  /** The instant the limit runs out. */
  due: string;
  /** The instant a case becomes due soon (黄牌). */
  warnAt: string;
  /** Days counted in a year the calendar has no schedule for: computed from weekends alone, and flagged. */
  unknownYears: number[];
}

/** Longest limit the arithmetic walks: a year of working days is far beyond any rule. */
const MAX_WORKING_DAYS = 260;

export function workingDaysDeadline(receivedAt: string, days: number, calendar: WorkCalendar): Deadline {
  if (!Number.isInteger(days) || days < 1 || days > MAX_WORKING_DAYS) throw new RangeError(`days must be a whole number from 1 to ${MAX_WORKING_DAYS}`);
  const start = Date.parse(receivedAt);
  if (Number.isNaN(start)) throw new RangeError(`not an instant: ${receivedAt}`);
  const unknown = new Set<number>();
  let date = beijingDate(start);
  let counted = 0;
  while (counted < days) {
    date = nextDate(date);
    const day = calendar.day(date);
    if (!day.known) unknown.add(Number(date.slice(0, 4)));
    if (day.workday) counted++;
  }
  const due = beijingMidnight(nextDate(date)) - 1;
  return { due: new Date(due).toISOString(), warnAt: new Date(start + Math.floor((due - start) * 0.8)).toISOString(), unknownYears: [...unknown].sort() };
}

export function hoursDeadline(receivedAt: string, hours: number): Deadline {
  if (!(hours > 0 && hours <= 24 * 30)) throw new RangeError('hours must be above 0 and at most 720');
  const start = Date.parse(receivedAt);
  if (Number.isNaN(start)) throw new RangeError(`not an instant: ${receivedAt}`);
  const due = start + hours * 3_600_000;
  return { due: new Date(due).toISOString(), warnAt: new Date(start + Math.floor((due - start) * 0.8)).toISOString(), unknownYears: [] };
}

/** Working days from one instant's Beijing day (exclusive) to another's (inclusive): how late a return is, for one. */
export function workingDaysBetween(from: string, to: string, calendar: WorkCalendar): number {
  let date = beijingDate(Date.parse(from));
  const end = beijingDate(Date.parse(to));
  let n = 0;
  while (date < end) {
    date = nextDate(date);
    if (calendar.day(date).workday) n++;
  }
  return n;
}

export type Card = 'none' | 'yellow' | 'red';

/** The card a case shows at a moment: red past its deadline, yellow past 80% of the time. */
export function cardAt(deadline: Pick<Deadline, 'due' | 'warnAt'>, now: number): Card {
  if (now > Date.parse(deadline.due)) return 'red';
  return now >= Date.parse(deadline.warnAt) ? 'yellow' : 'none';
}
