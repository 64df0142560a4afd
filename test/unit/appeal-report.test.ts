// The monthly 三率 report (issue 14), pure: a report is a recount of its cases, ranked only
// within a kind of unit; a quarter summed from its months equals the quarter counted at once;
// a correction lists exactly what changed; periods and month ends in Beijing time.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { changesBetween, combineFigures, monthEndsAt, monthsOfPeriod, reportFigures, type Directory, type ReportCase } from '../../shared/appeals/monthly-report.ts';
import { DEFAULT_WEIGHTS, ratesOf } from '../../shared/appeals/rates.ts';

const NOW = Date.parse('2026-12-01T00:00:00Z');
const at = (h: number) => new Date(NOW + h * 3_600_000).toISOString();
const UNITS = ['community:c1', 'community:c2', 'street:s1', 'department:d1', 'department:d2'];
const dir: Directory = {
  unit: (k) => ({ name: `名${k}`, streetId: k.startsWith('community') ? 's1' : null }),
  street: (id) => `街道${id}`,
  category: (c) => `类${c}`,
};

const reportCase: fc.Arbitrary<ReportCase> = fc.record({
  unit: fc.option(fc.constantFrom(...UNITS), { nil: null }),
  valid: fc.boolean(),
  contactDue: fc.integer({ min: -200, max: 200 }).map(at),
  contactedAt: fc.option(fc.integer({ min: -200, max: 0 }).map(at)),
  replyDue: fc.integer({ min: -200, max: 200 }).map(at),
  repliedAt: fc.option(fc.integer({ min: -200, max: 0 }).map(at)),
  followUp: fc.option(fc.record({ solved: fc.boolean(), satisfaction: fc.constantFrom('satisfied', 'basic', 'dissatisfied') as fc.Arbitrary<'satisfied' | 'basic' | 'dissatisfied'> })),
  streetId: fc.option(fc.constantFrom('s1', 's2'), { nil: null }),
  category: fc.option(fc.constantFrom('property', 'noise'), { nil: null }),
});

describe('the monthly report', () => {
  it('gives each unit the rates of its own valid cases, and the district those of all (property)', () => {
    fc.assert(fc.property(fc.array(reportCase, { maxLength: 80 }), (cases) => {
      const f = reportFigures(cases, dir, NOW, DEFAULT_WEIGHTS);
      const facts = (list: ReportCase[]) => list.map((c) => ({ ...c, unitId: c.unit ?? '' }));
      expect(f.cases).toBe(cases.length);
      expect(f.excluded).toBe(cases.filter((c) => !c.valid).length);
      expect(f.unassigned).toBe(cases.filter((c) => c.valid && !c.unit).length);
      expect(f.district).toEqual(ratesOf(facts(cases), NOW));
      for (const u of f.units) {
        const mine = cases.filter((c) => c.unit === u.unit);
        expect(u.cases).toBe(mine.filter((c) => c.valid).length);
        expect(u.rates).toEqual(ratesOf(facts(mine), NOW));
      }
      // Units with no valid case do not appear; categories count valid cases only.
      expect(new Set(f.units.map((u) => u.unit))).toEqual(new Set(cases.filter((c) => c.valid && c.unit).map((c) => c.unit)));
      expect(f.categories.reduce((a, c) => a + c.cases, 0)).toBe(cases.filter((c) => c.valid).length);
    }), { numRuns: 200 });
  });

  it('ranks a unit only among units of its kind, the best composite first, ties sharing a rank', () => {
    fc.assert(fc.property(fc.array(reportCase, { maxLength: 80 }), (cases) => {
      const f = reportFigures(cases, dir, NOW, DEFAULT_WEIGHTS);
      for (const kind of ['street', 'community', 'department']) {
        const rows = f.units.filter((u) => u.kind === kind);
        const ranked = rows.filter((u) => u.rank !== null);
        for (const u of rows) expect(u.ranked).toBe(ranked.length);
        for (const a of ranked) {
          const better = ranked.filter((b) => b.rates.compositePermille! > a.rates.compositePermille!).length;
          expect(a.rank).toBe(better + 1);
        }
        for (const u of rows.filter((x) => x.rank === null)) expect(u.rates.compositePermille).toBeNull();
      }
    }), { numRuns: 200 });
  });

  it('sums a quarter from its months to what counting the quarter at once gives (property)', () => {
    fc.assert(fc.property(fc.array(reportCase, { maxLength: 60 }), fc.array(reportCase, { maxLength: 60 }), fc.array(reportCase, { maxLength: 60 }), (a, b, c) => {
      const months = [a, b, c].map((cases) => reportFigures(cases, dir, NOW, DEFAULT_WEIGHTS));
      const summed = combineFigures(months, dir, DEFAULT_WEIGHTS);
      const whole = reportFigures([...a, ...b, ...c], dir, NOW, DEFAULT_WEIGHTS);
      expect(summed).toEqual(whole);
    }), { numRuns: 100 });
  });

  it('lists no change between a report and its recount, and each changed count when a case moves', () => {
    fc.assert(fc.property(fc.array(reportCase, { minLength: 1, maxLength: 40 }), (cases) => {
      const f = reportFigures(cases, dir, NOW, DEFAULT_WEIGHTS);
      expect(changesBetween(f, reportFigures([...cases].reverse(), dir, NOW, DEFAULT_WEIGHTS))).toEqual([]);
    }), { numRuns: 100 });
    const base: ReportCase = { unit: 'community:c1', valid: true, contactDue: at(-10), contactedAt: at(-20), replyDue: at(-5), repliedAt: at(-6), followUp: null, streetId: 's1', category: 'property' };
    const before = reportFigures([base], dir, NOW, DEFAULT_WEIGHTS);
    const after = reportFigures([{ ...base, followUp: { solved: true, satisfaction: 'satisfied' } }], dir, NOW, DEFAULT_WEIGHTS);
    const changes = changesBetween(before, after);
    expect(changes).toContainEqual({ scope: 'unit', key: 'community:c1', name: '名community:c1', field: 'followedUp', from: 0, to: 1 });
    expect(changes).toContainEqual({ scope: 'district', key: 'district', name: '全区', field: 'solved', from: 0, to: 1 });
    expect(changes).toContainEqual({ scope: 'street', key: 's1', name: '街道s1', field: 'satisfied', from: 0, to: 1 });
    expect(changes.every((c) => c.from !== c.to)).toBe(true);
  });

  it('knows its periods and when a Beijing month ends', () => {
    expect(monthsOfPeriod('2026-10')).toEqual(['2026-10']);
    expect(monthsOfPeriod('2026-Q4')).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(monthsOfPeriod('2026-H1')).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']);
    expect(() => monthsOfPeriod('2026-13')).toThrow();
    // November ends at midnight Beijing on 1 December: 16:00 UTC on 30 November.
    expect(new Date(monthEndsAt('2026-11')).toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(new Date(monthEndsAt('2026-12')).toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });
});
