// The quarterly assessment's arithmetic: points against class targets, the trimmed mean of the
// cross review, totals and ranks within a class only.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { assessmentProblems, DEFAULT_ASSESSMENT } from '../../shared/assessment/config.ts';
import { indicatorPoints, scoreQuarter, trimmedMeanHundredths, type CommunityInput } from '../../shared/assessment/scoring.ts';
import { previousQuarter, quarterBounds, quarterMonths, quarterOf } from '../../shared/assessment/quarter.ts';

const CLASSES = ['强基', '创优', '示范'];
const value = (ind: (typeof DEFAULT_ASSESSMENT.indicators)[number]) => fc.option(fc.integer({ min: 0, max: ind.unit === 'permille' ? 1000 : 600 }), { nil: null });
const community = (i: number) => fc.record({
  communityId: fc.constant(`c${String(i).padStart(3, '0')}`),
  name: fc.constant(`社区${String(i).padStart(3, '0')}`),
  class: fc.constantFrom(...CLASSES),
  values: fc.record(Object.fromEntries(DEFAULT_ASSESSMENT.indicators.map((ind) => [ind.code, value(ind)]))) as fc.Arbitrary<Record<string, number | null>>,
  reviews: fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 12 }),
});
const district = fc.integer({ min: 1, max: 24 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => community(i + 1)))) as fc.Arbitrary<CommunityInput[]>;

describe('the default assessment', () => {
  it('is a valid config: nine indicators over three aspects, weights adding up to 100', () => {
    expect(assessmentProblems(DEFAULT_ASSESSMENT)).toEqual([]);
    expect(DEFAULT_ASSESSMENT.indicators).toHaveLength(9);
    expect(assessmentProblems({ ...DEFAULT_ASSESSMENT, crossReviewWeight: 20 })).toEqual(['assessment weights must add up to 100 points (indicators and cross review), not 110']);
  });
});

describe('the trimmed mean', () => {
  it('stays within the range of the scores once the extremes are dropped: one outlier cannot swing it', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 3, maxLength: 30 }), fc.integer({ min: 0, max: 100 }), (scores, outlier) => {
      const sorted = [...scores].sort((a, b) => a - b);
      const withOutlier = trimmedMeanHundredths([...scores, outlier], 0.1)!;
      // Adding one score moves the mean no further than the range of the scores already there.
      expect(withOutlier).toBeGreaterThanOrEqual(sorted[0]! * 100);
      expect(withOutlier).toBeLessThanOrEqual(sorted.at(-1)! * 100);
    }));
  });

  it('is the plain mean for fewer than three scores, and nothing for none', () => {
    expect(trimmedMeanHundredths([], 0.1)).toBeNull();
    expect(trimmedMeanHundredths([80, 91], 0.1)).toBe(8550);
    expect(trimmedMeanHundredths([0, 80, 90, 100], 0.1)).toBe(8500);
  });
});

describe('indicator points', () => {
  it('give the whole weight at or past the target and a share below it', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 30 }), (target, v, weight) => {
      const up = indicatorPoints({ direction: 'higher', weight }, v, target)!;
      expect(up).toBe(v >= target ? weight * 100 : Math.round((weight * 100 * v) / target));
      const down = indicatorPoints({ direction: 'lower', weight }, v, target)!;
      expect(down).toBeLessThanOrEqual(weight * 100);
      if (v <= target) expect(down).toBe(weight * 100);
    }));
  });
});

describe('a quarter\'s table', () => {
  it('ranks each community only among its class; equal totals share a rank', () => {
    fc.assert(fc.property(district, (inputs) => {
      const results = scoreQuarter(DEFAULT_ASSESSMENT, inputs);
      expect(results).toHaveLength(inputs.length);
      for (const r of results) {
        const same = results.filter((x) => x.class === r.class);
        expect(r.classSize).toBe(same.length);
        if (r.totalHundredths === null) {
          expect(r.rank).toBeNull();
          continue;
        }
        expect(r.rank).toBe(same.filter((x) => x.totalHundredths !== null && x.totalHundredths > r.totalHundredths!).length + 1);
      }
    }));
  });

  it('changes only the two classes concerned when a community moves to another class', () => {
    fc.assert(fc.property(district, fc.nat(), fc.constantFrom(...CLASSES), (inputs, pick, to) => {
      const i = pick % inputs.length;
      const from = inputs[i]!.class;
      const before = scoreQuarter(DEFAULT_ASSESSMENT, inputs);
      const after = scoreQuarter(DEFAULT_ASSESSMENT, inputs.map((c, j) => (j === i ? { ...c, class: to } : c)));
      for (const cls of CLASSES.filter((c) => c !== from && c !== to)) {
        expect(after.filter((r) => r.class === cls)).toEqual(before.filter((r) => r.class === cls));
      }
    }));
  });

  it('totals are out of 100 and rescaled over the parts that have data', () => {
    fc.assert(fc.property(district, (inputs) => {
      for (const r of scoreQuarter(DEFAULT_ASSESSMENT, inputs)) {
        if (r.totalHundredths === null) continue;
        expect(r.totalHundredths).toBeGreaterThanOrEqual(0);
        expect(r.totalHundredths).toBeLessThanOrEqual(10_000);
      }
    }));
    const all = (v: number | null) => Object.fromEntries(DEFAULT_ASSESSMENT.indicators.map((i) => [i.code, v]));
    const [full] = scoreQuarter(DEFAULT_ASSESSMENT, [{ communityId: 'c1', name: '甲', class: '强基', values: all(100_000), reviews: [100, 100, 100] }]);
    expect(full!.totalHundredths).toBe(10_000);
    const [none] = scoreQuarter(DEFAULT_ASSESSMENT, [{ communityId: 'c1', name: '甲', class: '强基', values: all(null), reviews: [] }]);
    expect(none!.totalHundredths).toBeNull();
  });
});

describe('quarters', () => {
  it('have three months and Beijing bounds, and follow one another', () => {
    expect(quarterMonths('2026-Q4')).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(quarterBounds('2026-Q1')).toEqual({ start: '2025-12-31T16:00:00.000Z', end: '2026-03-31T16:00:00.000Z' });
    expect(previousQuarter('2026-Q1')).toBe('2025-Q4');
    expect(quarterOf(Date.parse('2026-03-31T16:30:00Z'))).toBe('2026-Q2');
  });
});
