// Beijing time (UTC+8, no summer time), the one zone every date a person sees or types is in:
// forms read typed times as Beijing time and notices print them so, whatever the device's zone.

const OFFSET = 8 * 3_600_000;

/** The Beijing calendar day of an instant: YYYY-MM-DD. */
export function beijingDay(ms: number): string {
  return new Date(ms + OFFSET).toISOString().slice(0, 10);
}

/** The Beijing wall clock of an instant as a datetime-local input holds it: YYYY-MM-DDTHH:mm. */
export function beijingInput(ms: number): string {
  return new Date(ms + OFFSET).toISOString().slice(0, 16);
}

/** What a person typed in a datetime-local input (YYYY-MM-DDTHH:mm[:ss]) as a Beijing instant; '' stays ''. */
export function fromBeijingInput(typed: string): string {
  return typed ? `${typed.length === 16 ? `${typed}:00` : typed}+08:00` : '';
}

/** 2026-12-18T00:00:00.000Z → 2026-12-18 08:00. */
export function beijingTime(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : beijingInput(ms).replace('T', ' ');
}

/** The Beijing calendar year of an instant (a project done at 23:30 UTC on 31 December is done in the next year there). */
export function beijingYear(iso: string): string {
  return beijingDay(Date.parse(iso)).slice(0, 4);
}
