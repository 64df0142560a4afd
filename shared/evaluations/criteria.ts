// The criteria communities rate their paired departments on, each 1–5. A round keeps the
// criteria it was opened with, so a later change never alters a round already running.
import * as z from 'zod/mini';
import { Criterion } from './schemas.ts';

export const DEFAULT_CRITERIA: readonly Criterion[] = [
  { code: 'responsiveness', name: '响应速度', nameEn: 'Responsiveness' },
  { code: 'projects', name: '共建项目成效', nameEn: 'Effect of joint projects' },
  { code: 'presence', name: '下沉社区情况', nameEn: 'Presence in the community' },
  { code: 'overall', name: '总体评价', nameEn: 'Overall' },
];

/**
 * A district's own default criteria (its config's `evaluationCriteria`), checked at synth: what
 * a round takes when it is opened without its own. The problems are sentences for the deployer.
 */
export function districtCriteriaProblems(criteria: unknown): string[] {
  const parsed = z.safeParse(z.array(Criterion).check(z.minLength(1), z.maxLength(8)), criteria);
  const at = (path: readonly PropertyKey[]) => `evaluationCriteria${path.map((x) => (typeof x === 'number' ? `[${x}]` : `.${String(x)}`)).join('')}`;
  if (!parsed.success) return parsed.error.issues.map((i) => `${at(i.path)}: ${i.message}`);
  const out: string[] = [];
  // What is deployed is the config as written: what the schema would trim or drop is refused here.
  (criteria as Record<string, unknown>[]).forEach((raw, i) => {
    for (const key of Object.keys(raw)) if (!['code', 'name', 'nameEn'].includes(key)) out.push(`${at([i, key])}: not a field of a criterion (code, name, nameEn)`);
    for (const key of ['name', 'nameEn'] as const) if (typeof raw[key] === 'string' && raw[key] !== parsed.data[i]![key]) out.push(`${at([i, key])}: no spaces or invisible characters at either end`);
  });
  const seenCodes = new Set<string>();
  const seenNames = new Set<string>();
  parsed.data.forEach((c, i) => {
    if (seenCodes.has(c.code)) out.push(`${at([i, 'code'])}: used twice in the criteria`);
    if (seenNames.has(c.name)) out.push(`${at([i, 'name'])}: used twice in the criteria`);
    seenCodes.add(c.code);
    seenNames.add(c.name);
  });
  return out;
}

export const SCORE_WORDS = {
  zh: { 1: '很差', 2: '较差', 3: '一般', 4: '较好', 5: '很好' },
  en: { 1: 'Very poor', 2: 'Poor', 3: 'Fair', 4: 'Good', 5: 'Very good' },
} as const;

/** The refusals of a set of scores against a round's criteria: every criterion once, nothing else. */
export function scoreProblems(criteria: readonly Criterion[], scores: Record<string, number>): { path: string; reason: string }[] {
  const codes = new Set(criteria.map((c) => c.code));
  const out = criteria.filter((c) => !Object.hasOwn(scores, c.code)).map((c) => ({ path: `body.scores.${c.code}`, reason: 'required: score every criterion from 1 to 5' }));
  for (const code of Object.keys(scores)) if (!codes.has(code)) out.push({ path: `body.scores.${code}`, reason: 'not a criterion of this round' });
  return out;
}

/** Criterion codes must differ within a round. */
export function criteriaProblems(criteria: readonly Criterion[]): { path: string; reason: string }[] {
  const seen = new Set<string>();
  const out: { path: string; reason: string }[] = [];
  criteria.forEach((c, i) => {
    if (seen.has(c.code)) out.push({ path: `body.criteria.${i}.code`, reason: 'used twice in this round' });
    seen.add(c.code);
  });
  return out;
}
