// Appeal time limits over China's official calendar (issue 14): working days skip weekends and
// the State Council's holidays, count its swapped weekend workdays (调休), and say so when a
// year has no schedule instead of guessing from weekends alone.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { beijingDate, OFFICIAL_YEARS, scheduleProblems, WorkCalendar, type YearSchedule } from '../../shared/appeals/calendar.ts';
import { cardAt, hoursDeadline, workingDaysBetween, workingDaysDeadline } from '../../shared/appeals/deadlines.ts';

const calendar = new WorkCalendar();
const due = (receivedAt: string, days: number) => workingDaysDeadline(receivedAt, days, calendar);

describe('the calendar', () => {
  it('knows 2024 to 2026 from the State Council schedules, with their swapped workdays', () => {
    expect(OFFICIAL_YEARS.map((y) => y.year)).toEqual([2024, 2025, 2026]);
    expect(calendar.day('2026-02-16')).toEqual({ workday: false, known: true }); // 春节 (a Monday)
    expect(calendar.day('2026-02-14')).toEqual({ workday: true, known: true }); // 调休 Saturday
    expect(calendar.day('2026-10-10')).toEqual({ workday: true, known: true }); // 调休 Saturday after 国庆
    expect(calendar.day('2026-10-05')).toEqual({ workday: false, known: true }); // 国庆 Monday
    expect(calendar.day('2026-12-05')).toEqual({ workday: false, known: true }); // a plain Saturday
    expect(calendar.day('2027-01-04')).toEqual({ workday: true, known: false });
  });

  it('takes a district\'s schedule for a year the package lacks, and refuses a malformed one', () => {
    const y2027: YearSchedule = { year: 2027, holidays: ['2027-01-01'], workdays: ['2027-01-02'] };
    expect(scheduleProblems(y2027)).toEqual([]);
    const cal = new WorkCalendar([...OFFICIAL_YEARS, y2027]);
    expect(cal.day('2027-01-01')).toEqual({ workday: false, known: true });
    expect(cal.day('2027-01-02')).toEqual({ workday: true, known: true });
    expect(scheduleProblems({ year: 2027, holidays: ['2026-12-31', '2027-02-30'], workdays: ['2027-01-04', '2027-01-01'] }).length).toBe(3 + 0 + 1);
    expect(scheduleProblems({ year: 2027, holidays: ['2027-01-02'], workdays: ['2027-01-02'] })).toEqual(['both a holiday and a workday: 2027-01-02']);
  });
});

describe('working-day deadlines', () => {
  it('counts from the next working day and ends at the end of the Nth, Beijing time', () => {
    // A Monday morning: 5 working days end on Monday next week, 23:59:59.999 Beijing.
    expect(due('2026-11-30T01:00:00Z', 5).due).toBe('2026-12-07T15:59:59.999Z');
    // Received on Friday 23:59 Beijing: the weekend does not count.
    expect(due('2026-12-04T15:59:00Z', 1).due).toBe('2026-12-07T15:59:59.999Z');
  });

  it('a case received at 23:59 on the eve of the Spring Festival starts after the holiday', () => {
    // 2026-02-14 is a 调休 Saturday (worked); 15-23 off; the first working day is the 24th.
    const eve = due('2026-02-14T15:59:00Z', 1);
    expect(eve.due).toBe('2026-02-24T15:59:59.999Z');
    expect(due('2026-02-14T15:59:00Z', 5).due).toBe('2026-02-28T15:59:59.999Z'); // the 28th is a 调休 Saturday
  });

  it('across National Day week: the 调休 Saturday counts', () => {
    // Received Tuesday 2026-09-29: 30th, then off to 10-07, 10-08, 10-09, 10-10 (Sat, worked).
    expect(due('2026-09-29T02:00:00Z', 4).due).toBe('2026-10-10T15:59:59.999Z');
  });

  it('flags a deadline that runs into a year with no schedule, and still gives one', () => {
    const late = due('2026-12-28T02:00:00Z', 5);
    expect(late.unknownYears).toEqual([2027]);
    expect(due('2026-12-01T02:00:00Z', 5).unknownYears).toEqual([]);
  });

  const instant = fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2026-10-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
  const days = fc.integer({ min: 1, max: 15 });

  it('never lands on a day off, and counts exactly N working days (property)', () => {
    fc.assert(fc.property(instant, days, (at, n) => {
      const d = due(at, n);
      const last = beijingDate(Date.parse(d.due));
      expect(calendar.day(last).workday).toBe(true);
      expect(workingDaysBetween(at, d.due, calendar)).toBe(n);
      expect(Date.parse(d.warnAt)).toBeGreaterThan(Date.parse(at));
      expect(Date.parse(d.warnAt)).toBeLessThan(Date.parse(d.due));
      expect(d.unknownYears).toEqual([]);
    }), { numRuns: 400 });
  });

  it('is monotonic: a later case or a longer limit never ends sooner (property)', () => {
    fc.assert(fc.property(instant, instant, days, days, (a, b, m, n) => {
      const [early, late] = a <= b ? [a, b] : [b, a];
      expect(Date.parse(due(late, m).due)).toBeGreaterThanOrEqual(Date.parse(due(early, m).due));
      const [short, long] = m <= n ? [m, n] : [n, m];
      expect(Date.parse(due(a, long).due)).toBeGreaterThanOrEqual(Date.parse(due(a, short).due));
      if (long > short) expect(Date.parse(due(a, long).due)).toBeGreaterThan(Date.parse(due(a, short).due));
    }), { numRuns: 300 });
  });

  it('refuses nonsense limits instead of computing them', () => {
    expect(() => due('2026-12-01T00:00:00Z', 0)).toThrow(RangeError);
    expect(() => due('2026-12-01T00:00:00Z', 1.5)).toThrow(RangeError);
    expect(() => due('not a time', 5)).toThrow(RangeError);
  });
});

describe('hour limits and cards', () => {
  it('2115: contact within 2 clock hours; yellow at 80%, red after', () => {
    const d = hoursDeadline('2026-12-01T02:00:00Z', 2);
    expect(d.due).toBe('2026-12-01T04:00:00.000Z');
    expect(d.warnAt).toBe('2026-12-01T03:36:00.000Z');
    expect(cardAt(d, Date.parse('2026-12-01T03:35:59Z'))).toBe('none');
    expect(cardAt(d, Date.parse('2026-12-01T03:36:00Z'))).toBe('yellow');
    expect(cardAt(d, Date.parse('2026-12-01T04:00:00Z'))).toBe('yellow');
    expect(cardAt(d, Date.parse('2026-12-01T04:00:00.001Z'))).toBe('red');
  });
});
