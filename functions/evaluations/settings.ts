import { DEFAULT_CRITERIA } from '../../shared/evaluations/criteria.ts';
import type { Criterion } from '../../shared/evaluations/schemas.ts';

let cached: Criterion[] | undefined;

/** The criteria a round takes when opened without its own: the district's (env EVALUATION_CRITERIA, checked at synth), else the default four. */
export function districtCriteria(): Criterion[] {
  cached ??= process.env.EVALUATION_CRITERIA ? (JSON.parse(process.env.EVALUATION_CRITERIA) as Criterion[]) : [...DEFAULT_CRITERIA];
  return cached;
}
