// Ranking used across capabilities (三率 units, departments' evaluations, communities within a class).

/** Ranks by a score, highest first; equal scores share a rank (1, 2, 2, 4); no score ranks last, unranked. */
export function rankBy<T>(rows: readonly T[], score: (row: T) => number | null): (T & { rank: number | null })[] {
  const scored = rows.map((row) => ({ row, s: score(row) }));
  const sorted = [...scored].sort((a, b) => (b.s ?? -Infinity) - (a.s ?? -Infinity));
  const out: (T & { rank: number | null })[] = [];
  sorted.forEach(({ row, s }, i) => {
    const prev = sorted[i - 1];
    const rank = s === null ? null : prev && prev.s === s ? out[i - 1]!.rank : i + 1;
    out.push({ ...row, rank });
  });
  return out;
}
