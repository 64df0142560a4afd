// The round's arithmetic: sums to means, scores and ranks, and what a correction changed.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_CRITERIA, criteriaProblems, districtCriteriaProblems, scoreProblems } from '../../shared/evaluations/criteria.ts';
import { districtProblems } from '../../infra/districts/validate.ts';
import { districtNamed } from '../../infra/districts/index.ts';
import { changesBetween, departmentResults, sumEvaluations, type EvaluationFacts } from '../../shared/evaluations/results.ts';

const DEPS = ['d1', 'd2', 'd3', 'd4'].map((id, i) => ({ id, name: `部门${i + 1}`, paired: 10 }));
const score = fc.integer({ min: 1, max: 5 });
const facts = fc.array(fc.record({
  communityId: fc.constantFrom('c1', 'c2', 'c3', 'c4', 'c5', 'c6'),
  departmentId: fc.constantFrom('d1', 'd2', 'd3', 'd4'),
  scores: fc.record(Object.fromEntries(DEFAULT_CRITERIA.map((c) => [c.code, score]))),
  excluded: fc.boolean(),
}), { maxLength: 40 }).map((list) => {
  // One per pair, as the store keeps them.
  const seen = new Set<string>();
  return list.filter((e) => !seen.has(`${e.communityId}|${e.departmentId}`) && seen.add(`${e.communityId}|${e.departmentId}`));
}) as fc.Arbitrary<EvaluationFacts[]>;

const resultsOf = (list: EvaluationFacts[]) => departmentResults(DEFAULT_CRITERIA, DEPS, sumEvaluations(DEFAULT_CRITERIA, list));

describe('department results', () => {
  it('count only the evaluations not set aside, and average every score given', () => {
    fc.assert(fc.property(facts, (list) => {
      for (const r of resultsOf(list)) {
        const mine = list.filter((e) => e.departmentId === r.departmentId && !e.excluded);
        expect(r.raters).toBe(mine.length);
        if (!mine.length) {
          expect(r.scoreHundredths).toBeNull();
          expect(r.rank).toBeNull();
          continue;
        }
        const all = mine.flatMap((e) => Object.values(e.scores));
        expect(r.scoreHundredths).toBe(Math.round((all.reduce((a, b) => a + b, 0) * 100) / all.length));
        for (const c of DEFAULT_CRITERIA) expect(r.meansHundredths[c.code]).toBe(Math.round((mine.reduce((a, e) => a + e.scores[c.code]!, 0) * 100) / mine.length));
        expect(r.scoreHundredths!).toBeGreaterThanOrEqual(100);
        expect(r.scoreHundredths!).toBeLessThanOrEqual(500);
      }
    }));
  });

  it('rank higher scores first; equal printed scores share a rank and the next rank skips', () => {
    fc.assert(fc.property(facts, (list) => {
      const ranked = resultsOf(list).filter((r) => r.rank !== null);
      for (const a of ranked) {
        const higher = ranked.filter((b) => b.scoreHundredths! > a.scoreHundredths!).length;
        expect(a.rank).toBe(higher + 1);
      }
    }));
  });

  it('do not depend on the order the evaluations are read in', () => {
    fc.assert(fc.property(facts, (list) => {
      expect(resultsOf([...list].reverse())).toEqual(resultsOf(list));
    }));
  });

  it('list what a correction changed, and nothing when nothing did', () => {
    fc.assert(fc.property(facts, fc.nat(), (list, pick) => {
      const before = resultsOf(list);
      expect(changesBetween(before, before)).toEqual([]);
      if (!list.length) return;
      const i = pick % list.length;
      const after = resultsOf(list.map((e, j) => (j === i ? { ...e, excluded: !e.excluded } : e)));
      const dep = list[i]!.departmentId;
      const raters = changesBetween(before, after).find((c) => c.departmentId === dep && c.what === 'raters')!;
      expect(Math.abs(raters.after! - raters.before!)).toBe(1);
    }));
  });
});

describe('scores against a round\'s criteria', () => {
  it('name every missing criterion and every one not asked', () => {
    expect(scoreProblems(DEFAULT_CRITERIA, { responsiveness: 3, projects: 4, extra: 2 })).toEqual([
      { path: 'body.scores.presence', reason: 'required: score every criterion from 1 to 5' },
      { path: 'body.scores.overall', reason: 'required: score every criterion from 1 to 5' },
      { path: 'body.scores.extra', reason: 'not a criterion of this round' },
    ]);
    expect(scoreProblems(DEFAULT_CRITERIA, { responsiveness: 3, projects: 4, presence: 5, overall: 1 })).toEqual([]);
    expect(criteriaProblems([...DEFAULT_CRITERIA, DEFAULT_CRITERIA[0]!])).toEqual([{ path: 'body.criteria.4.code', reason: 'used twice in this round' }]);
  });
});

describe('a district\'s own criteria (its config, checked at synth)', () => {
  it('take one to eight criteria with distinct codes, and say in the deployer\'s terms what is wrong', () => {
    expect(districtCriteriaProblems(DEFAULT_CRITERIA)).toEqual([]);
    expect(districtCriteriaProblems([])).toEqual([expect.stringMatching(/^evaluationCriteria: /)]);
    expect(districtCriteriaProblems([{ code: 'Overall', name: '总体' }])).toEqual([expect.stringMatching(/^evaluationCriteria\[0\]\.code: /)]);
    expect(districtCriteriaProblems([{ code: 'overall', name: '总体评价' }, { code: 'overall', name: '总体' }])).toEqual(['evaluationCriteria[1].code: used twice in the criteria']);
    expect(districtCriteriaProblems([{ code: 'overall', name: '总体评价' }, { code: 'service', name: '总体评价' }])).toEqual(['evaluationCriteria[1].name: used twice in the criteria']);
    // What is deployed is what is written: a name the schema would trim, a field it would drop.
    expect(districtCriteriaProblems([{ code: 'overall', name: '  总体评价  ' }])).toEqual(['evaluationCriteria[0].name: no spaces or invisible characters at either end']);
    expect(districtCriteriaProblems([{ code: 'overall', name: '总体评价', weight: 2 }])).toEqual(['evaluationCriteria[0].weight: not a field of a criterion (code, name, nameEn)']);
    expect(districtCriteriaProblems('overall')).toHaveLength(1);
    // The district's validation (what synth runs) carries them.
    const shinan = districtNamed('shinan');
    expect(districtProblems({ ...shinan, evaluationCriteria: [{ code: 'x', name: '太短的代码' }] }).join('\n')).toMatch(/evaluationCriteria\[0\]\.code/);
    expect(districtProblems({ ...shinan, evaluationCriteria: [{ code: 'service', name: '服务态度' }] })).toEqual(districtProblems(shinan));
  });
});

