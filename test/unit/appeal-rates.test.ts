// 三率 of appeals (issue 14): each share against a recount, the 0.9 weight of 基本满意, the
// composite's weights, invalid cases counted nowhere, and ranking with shared ranks.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { composite, DEFAULT_WEIGHTS, permille, rankBy, ratesOf, type CaseFacts } from '../../shared/appeals/rates.ts';

const NOW = Date.parse('2026-12-01T00:00:00Z');
const at = (h: number) => new Date(NOW + h * 3_600_000).toISOString();

const caseFacts: fc.Arbitrary<CaseFacts> = fc.record({
  unitId: fc.constantFrom('u1', 'u2'),
  valid: fc.boolean(),
  contactDue: fc.integer({ min: -200, max: 200 }).map(at),
  contactedAt: fc.option(fc.integer({ min: -200, max: 0 }).map(at)),
  replyDue: fc.integer({ min: -200, max: 200 }).map(at),
  repliedAt: fc.option(fc.integer({ min: -200, max: 0 }).map(at)),
  followUp: fc.option(fc.record({ solved: fc.boolean(), satisfaction: fc.constantFrom('satisfied', 'basic', 'dissatisfied') as fc.Arbitrary<'satisfied' | 'basic' | 'dissatisfied'> })),
});

describe('三率', () => {
  it('is a recount of the cases, in ‰ rounded half up (property)', () => {
    fc.assert(fc.property(fc.array(caseFacts, { maxLength: 60 }), (cases) => {
      const r = ratesOf(cases, NOW);
      const valid = cases.filter((c) => c.valid);
      expect(r.valid).toBe(valid.length);
      expect(r.responded).toBe(valid.filter((c) => c.contactedAt && c.contactedAt <= c.contactDue).length);
      // Not yet late: an uncontacted case still within its contact limit is outside the base.
      expect(r.responseBase).toBe(valid.filter((c) => c.contactedAt || Date.parse(c.contactDue) < NOW).length);
      expect(r.responsePermille).toBe(r.responseBase === 0 ? null : Math.floor((r.responded * 2000 + r.responseBase) / (2 * r.responseBase)));
      const base = valid.filter((c) => c.repliedAt || Date.parse(c.replyDue) < NOW);
      expect(r.onTimeBase).toBe(base.length);
      expect(r.onTime).toBe(base.filter((c) => c.repliedAt && c.repliedAt <= c.replyDue).length);
      const followed = valid.filter((c) => c.followUp);
      expect(r.followedUp).toBe(followed.length);
      const sat = followed.filter((c) => c.followUp!.satisfaction === 'satisfied').length;
      const basic = followed.filter((c) => c.followUp!.satisfaction === 'basic').length;
      if (followed.length) expect(Math.abs(r.satisfactionPermille! - ((sat + 0.9 * basic) / followed.length) * 1000)).toBeLessThanOrEqual(0.5 + 1e-9);
      else expect(r.satisfactionPermille).toBeNull();
      for (const p of [r.responsePermille, r.onTimePermille, r.resolutionPermille, r.satisfactionPermille, r.compositePermille]) {
        if (p === null) continue;
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1000);
      }
      // The order of the cases changes nothing.
      expect(ratesOf([...cases].reverse(), NOW)).toEqual(r);
    }), { numRuns: 300 });
  });

  it('counts 基本满意 as 0.9, and an invalid case nowhere', () => {
    const base = { unitId: 'u1', valid: true, contactDue: at(-10), contactedAt: at(-20), replyDue: at(-1), repliedAt: at(-2) };
    const r = ratesOf([
      { ...base, followUp: { solved: true, satisfaction: 'satisfied' } },
      { ...base, followUp: { solved: true, satisfaction: 'basic' } },
      { ...base, followUp: { solved: false, satisfaction: 'dissatisfied' } },
      { ...base, valid: false, followUp: { solved: false, satisfaction: 'dissatisfied' } },
    ], NOW);
    expect(r).toMatchObject({ valid: 3, followedUp: 3, solved: 2, satisfactionPermille: 633, resolutionPermille: 667, responsePermille: 1000, onTimePermille: 1000 });
    // 0.1 × 1000 + 0.5 × 667 + 0.4 × 633 = 686.7
    expect(r.compositePermille).toBe(687);
  });

  it('does not count a case still within its time as late', () => {
    const r = ratesOf([{ unitId: 'u1', valid: true, contactDue: at(1), replyDue: at(48) }], NOW);
    expect(r).toMatchObject({ onTimeBase: 0, onTimePermille: null, responseBase: 0, responsePermille: null });
    // Past the contact limit and not contacted: late.
    expect(ratesOf([{ unitId: 'u1', valid: true, contactDue: at(-1), replyDue: at(48) }], NOW)).toMatchObject({ responseBase: 1, responsePermille: 0 });
  });

  it('weighs the rates that exist, over their weights', () => {
    expect(composite({ responsePermille: 1000, onTimePermille: null, resolutionPermille: null, satisfactionPermille: null }, DEFAULT_WEIGHTS)).toBe(1000);
    expect(composite({ responsePermille: null, onTimePermille: null, resolutionPermille: null, satisfactionPermille: null }, DEFAULT_WEIGHTS)).toBeNull();
    expect(permille(2, 3)).toBe(667);
    expect(permille(1, 8)).toBe(125);
    expect(permille(1, 2000)).toBe(1); // 0.5‰ rounds half up
  });
});

describe('ranking', () => {
  it('gives equal scores one rank and the next rank after them (1, 2, 2, 4), no score last (property)', () => {
    fc.assert(fc.property(fc.array(fc.option(fc.integer({ min: 0, max: 5 })), { maxLength: 20 }), (scores) => {
      const ranked = rankBy(scores.map((s, i) => ({ i, s })), (r) => r.s);
      for (const r of ranked) {
        if (r.s === null) { expect(r.rank).toBeNull(); continue; }
        expect(r.rank).toBe(1 + scores.filter((s) => s !== null && s > r.s!).length);
      }
    }));
  });
});
