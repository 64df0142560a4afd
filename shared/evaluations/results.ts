// A round's results per department, computed from whole-number sums (the stored evaluations
// at publication, or the live counters during the round): the same sums always give the same
// figures. Means are in hundredths so that what is printed is what was compared.
import { rankBy } from '../rank.ts';
import type { Criterion } from './schemas.ts';

export interface EvaluationFacts {
  communityId: string;
  departmentId: string;
  scores: Record<string, number>;
  excluded: boolean;
}

/** What a department's counted evaluations add up to. */
export interface DepartmentSums { n: number; sums: Record<string, number> }

export interface DepartmentResult {
  departmentId: string;
  name: string;
  /** Communities paired with it in this round. */
  paired: number;
  /** Communities whose evaluation counts. */
  raters: number;
  meansHundredths: Record<string, number | null>;
  /** The mean of every score it was given, in hundredths; null when nobody rated it. */
  scoreHundredths: number | null;
  /** Among the round's departments; equal scores share a rank; unrated ones are unranked. */
  rank: number | null;
}

export function sumEvaluations(criteria: readonly Criterion[], evaluations: readonly EvaluationFacts[]): Map<string, DepartmentSums> {
  const out = new Map<string, DepartmentSums>();
  for (const e of evaluations) {
    if (e.excluded) continue;
    const s = out.get(e.departmentId) ?? { n: 0, sums: Object.fromEntries(criteria.map((c) => [c.code, 0])) };
    s.n++;
    for (const c of criteria) s.sums[c.code] = (s.sums[c.code] ?? 0) + (e.scores[c.code] ?? 0);
    out.set(e.departmentId, s);
  }
  return out;
}

const hundredths = (sum: number, n: number) => Math.round((sum * 100) / n);

export function departmentResults(
  criteria: readonly Criterion[],
  departments: readonly { id: string; name: string; paired: number }[],
  sums: ReadonlyMap<string, DepartmentSums>,
): DepartmentResult[] {
  const rows = departments.map((d) => {
    const s = sums.get(d.id);
    const n = s?.n ?? 0;
    const total = criteria.reduce((a, c) => a + (s?.sums[c.code] ?? 0), 0);
    return {
      departmentId: d.id,
      name: d.name,
      paired: d.paired,
      raters: n,
      meansHundredths: Object.fromEntries(criteria.map((c) => [c.code, n ? hundredths(s!.sums[c.code] ?? 0, n) : null])),
      scoreHundredths: n ? hundredths(total, n * criteria.length) : null,
    };
  });
  // Ties are decided on the printed figure: two departments shown with the same score share a rank.
  return rankBy([...rows].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')), (r) => r.scoreHundredths)
    .map((r) => ({ ...r, rank: r.rank }));
}

export interface ResultChange { departmentId: string; what: string; before: number | null; after: number | null }

/** What a correction changed, figure by figure; a department that appears or goes is listed by its raters. */
export function changesBetween(before: readonly DepartmentResult[], after: readonly DepartmentResult[]): ResultChange[] {
  const out: ResultChange[] = [];
  const ids = [...new Set([...before.map((r) => r.departmentId), ...after.map((r) => r.departmentId)])];
  for (const id of ids) {
    const b = before.find((r) => r.departmentId === id);
    const a = after.find((r) => r.departmentId === id);
    const note = (what: string, x: number | null | undefined, y: number | null | undefined) => {
      if ((x ?? null) !== (y ?? null)) out.push({ departmentId: id, what, before: x ?? null, after: y ?? null });
    };
    note('raters', b?.raters, a?.raters);
    note('score', b?.scoreHundredths, a?.scoreHundredths);
    note('rank', b?.rank, a?.rank);
    for (const code of new Set([...Object.keys(b?.meansHundredths ?? {}), ...Object.keys(a?.meansHundredths ?? {})])) note(`mean.${code}`, b?.meansHundredths[code], a?.meansHundredths[code]);
  }
  return out;
}
