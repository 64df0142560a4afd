// Quarters as the assessment names them ("2026-Q4"), on the Beijing calendar.
export const QUARTER = /^(20\d\d)-Q([1-4])$/;

export function quarterMonths(q: string): string[] {
  const [, y, n] = q.match(QUARTER)!;
  return [0, 1, 2].map((i) => `${y}-${String((Number(n) - 1) * 3 + i + 1).padStart(2, '0')}`);
}

/** The quarter's first and last instants (Beijing midnight to midnight), as ISO strings. */
export function quarterBounds(q: string): { start: string; end: string } {
  const [, y, n] = q.match(QUARTER)!;
  const first = (Number(n) - 1) * 3;
  const start = Date.UTC(Number(y), first, 1) - 8 * 3_600_000;
  const end = Date.UTC(Number(y), first + 3, 1) - 8 * 3_600_000;
  return { start: new Date(start).toISOString(), end: new Date(end).toISOString() };
}

export function previousQuarter(q: string): string {
  const [, y, n] = q.match(QUARTER)!;
  return Number(n) === 1 ? `${Number(y) - 1}-Q4` : `${y}-Q${Number(n) - 1}`;
}

export function quarterOf(t: number): string {
  const b = new Date(t + 8 * 3_600_000);
  return `${b.getUTCFullYear()}-Q${Math.floor(b.getUTCMonth() / 3) + 1}`;
}
