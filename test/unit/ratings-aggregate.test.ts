// The arithmetic of both notices, as properties: the counters of a set of households do not
// depend on their order, excluding a household exactly reverses including it, and every
// published rate is the exact ratio of its counters rounded once.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addCounters, changesBetween, contribution, figures, rankCompanies, ratio, sumCounters } from '../../shared/ratings/aggregate.ts';
import { answerProblems, CONTRACT_ANSWERS, DEFAULT_QUESTIONNAIRE, OVERALL_ANSWERS, type RatingAnswers } from '../../shared/ratings/questionnaire.ts';

const ITEMS = ['门岗24小时值守', '楼道每日清扫', '电梯按月维保', '绿化养护', '收费公示'];
const q = DEFAULT_QUESTIONNAIRE;

const answersArb: fc.Arbitrary<RatingAnswers> = fc.record({
  contract: fc.array(fc.constantFrom(...CONTRACT_ANSWERS), { minLength: ITEMS.length, maxLength: ITEMS.length }),
  scores: fc.record(Object.fromEntries(q.dimensions.map((d) => [d.id, fc.integer({ min: 1, max: 5 })]))) as fc.Arbitrary<Record<string, number>>,
  overall: fc.constantFrom(...OVERALL_ANSWERS),
  suggestion: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
});

describe('rating aggregation', () => {
  it('does not depend on the order households arrive in', () => {
    fc.assert(fc.property(fc.array(answersArb, { maxLength: 40 }).chain((a) => fc.tuple(fc.constant(a), fc.shuffledSubarray(a, { minLength: a.length, maxLength: a.length }))), ([a, shuffled]) => {
      const one = sumCounters(a.map((x) => contribution(q, x)));
      const two = sumCounters(shuffled.map((x) => contribution(q, x)));
      expect(two).toEqual(one);
      expect(figures(q, ITEMS, two, 100)).toEqual(figures(q, ITEMS, one, 100));
    }));
  });

  it('takes a household out exactly as it went in', () => {
    fc.assert(fc.property(fc.array(answersArb, { maxLength: 30 }), answersArb, (others, one) => {
      const base = sumCounters(others.map((x) => contribution(q, x)));
      const withIt = addCounters(base, contribution(q, one));
      expect(addCounters(withIt, contribution(q, one), -1)).toEqual(base);
    }));
  });

  it('counts every household once per item and dimension', () => {
    fc.assert(fc.property(fc.array(answersArb, { minLength: 1, maxLength: 50 }), fc.integer({ min: 1, max: 500 }), (all, households) => {
      const f = figures(q, ITEMS, sumCounters(all.map((x) => contribution(q, x))), households);
      expect(f.quality.respondents).toBe(all.length);
      for (const item of f.contract.items) expect(item.answered + item.unknown).toBe(all.length);
      for (const d of f.quality.dimensions) {
        expect(d.distribution.reduce((a, b) => a + b, 0)).toBe(all.length);
        expect(d.sum).toBe(all.reduce((s, x) => s + x.scores[d.id]!, 0));
      }
      const o = f.quality.overall;
      expect(o.satisfied + o.basic + o.unsatisfied).toBe(all.length);
      expect(f.quality.satisfactionPermille).toBe(ratio(o.satisfied + o.basic, all.length));
      expect(f.quality.belowFloor).toBe(all.length / households < 0.3);
    }));
  });

  it('rounds rates half up, once, from exact integers', () => {
    expect(ratio(1, 3)).toBe(333);
    expect(ratio(2, 3)).toBe(667);
    expect(ratio(1, 8)).toBe(125);
    expect(ratio(1, 2000)).toBe(1); // 0.5‰ rounds up
    expect(ratio(0, 0)).toBeNull();
    fc.assert(fc.property(fc.nat(10_000), fc.integer({ min: 1, max: 10_000 }), (n, den) => {
      const r = ratio(n, den)!;
      expect(Math.abs(r - (n * 1000) / den)).toBeLessThanOrEqual(0.5);
    }));
  });

  it('weighs 部分履行 by the template and leaves 不清楚 out of the performance rate', () => {
    const one = (contract: RatingAnswers['contract']) => contribution(q, { contract, scores: { service: 3, repair: 3, facility: 3, order: 3, hygiene: 3, greening: 3 }, overall: 'basic' });
    const c = sumCounters([one(['done', 'partial', 'not', 'unknown', 'unknown']), one(['done', 'done', 'partial', 'unknown', 'done'])]);
    const f = figures(q, ITEMS, c, 10);
    // done 4, partial 2, not 1: (4 + 0.5 × 2) / 7 = 71.4%
    expect(f.contract.performancePermille).toBe(714);
    expect(f.contract.items[3]).toMatchObject({ unknown: 2, answered: 0, donePermille: null });
  });

  it('ranks companies by pooled satisfaction, then performance; equal figures share a rank', () => {
    const f = (sat: number, n: number) => figures(q, [], sumCounters(Array.from({ length: n }, (_, i) => contribution(q, { contract: [], scores: { service: 3, repair: 3, facility: 3, order: 3, hygiene: 3, greening: 3 }, overall: i < sat ? 'satisfied' : 'unsatisfied' }))), n * 2);
    const ranked = rankCompanies([
      { companyId: 'a', companyName: 'A', compoundId: '1', figures: f(9, 10) },
      { companyId: 'a', companyName: 'A', compoundId: '2', figures: f(1, 90) }, // pooled: 10 of 100
      { companyId: 'b', companyName: 'B', compoundId: '3', figures: f(5, 10) },
      { companyId: 'c', companyName: 'C', compoundId: '4', figures: f(10, 20) },
    ]);
    expect(ranked.map((r) => [r.companyId, r.rank, r.satisfactionPermille])).toEqual([['c', 1, 500], ['b', 1, 500], ['a', 3, 100]]); // c listed first: more respondents
  });

  it('states what a correction changed', () => {
    const a = figures(q, ITEMS, sumCounters([contribution(q, { contract: ['done', 'done', 'done', 'done', 'done'], scores: { service: 5, repair: 5, facility: 5, order: 5, hygiene: 5, greening: 5 }, overall: 'satisfied' })]), 10);
    const b = figures(q, ITEMS, {}, 10);
    expect(changesBetween(a, a)).toEqual([]);
    expect(changesBetween(a, b)).toContainEqual({ what: 'quality.respondents', before: 1, after: 0 });
  });

  it('names each missing or foreign answer', () => {
    const problems = answerProblems(q, ITEMS, { contract: ['done'], scores: { service: 3, parking: 2 }, overall: 'basic', suggestion: 'x'.repeat(201) });
    expect(problems.map((p) => p.path)).toEqual(['body.contract', 'body.scores.repair', 'body.scores.facility', 'body.scores.order', 'body.scores.hygiene', 'body.scores.greening', 'body.scores.parking', 'body.suggestion']);
  });
});
