// Filling N committee seats from an election tally (each candidate an ordinary matter):
// ties at the last seat leave it open, never picked arbitrarily; the rules of a district
// (odd seats within bounds, notice period) as pure checks.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allocateSeats } from '../../shared/votes/election.ts';
import { tally, type MatterResult, type RegisterUnit, type Vote } from '../../shared/votes/tally.ts';
import { DEFAULT_VOTE_RULES, earliestOpening, resultPeriodEnd, seatsProblem, voteRulesFrom } from '../../shared/votes/rules.ts';

const result = (id: string, area: number, heads: number, passed = true): MatterResult => ({
  matterId: id, kind: 'ordinary', passed, quorumMet: true,
  participating: { areaHundredths: 10_000, heads: 100 }, agree: { areaHundredths: area, heads }, disagree: { areaHundredths: 0, heads: 0 }, abstain: { areaHundredths: 0, heads: 0 },
});

describe('seat allocation', () => {
  it('ranks the electable by supporting area, then heads, within the seats', () => {
    const out = allocateSeats([result('a', 6000, 60), result('b', 7000, 55), result('c', 7000, 58), result('d', 5500, 70)], 3);
    expect(out).toEqual({ elected: ['c', 'b', 'a'], runnersUp: ['d'], tiedAtLastSeat: [], openSeats: 0 });
  });

  it('never elects a candidate who did not pass, and says how many seats stay open', () => {
    const out = allocateSeats([result('a', 6000, 60), result('b', 9000, 90, false), result('c', 5100, 51)], 5);
    expect(out).toEqual({ elected: ['a', 'c'], runnersUp: [], tiedAtLastSeat: [], openSeats: 3 });
  });

  it('leaves the last seat open when candidates tie for it', () => {
    const out = allocateSeats([result('a', 8000, 80), result('b', 6000, 60), result('c', 6000, 60), result('d', 5200, 52)], 2);
    expect(out).toEqual({ elected: ['a'], runnersUp: ['d'], tiedAtLastSeat: ['b', 'c'], openSeats: 1 });
    // A tie that fits inside the seats is no tie for the last seat.
    expect(allocateSeats([result('a', 8000, 80), result('b', 6000, 60), result('c', 6000, 60)], 3).openSeats).toBe(0);
  });

  it('property: never more elected than seats; every elected passed and outranks every runner-up; seats add up', () => {
    const arb = fc.array(fc.record({ area: fc.integer({ min: 0, max: 50 }), heads: fc.integer({ min: 0, max: 5 }), passed: fc.boolean() }), { minLength: 0, maxLength: 12 });
    fc.assert(fc.property(arb, fc.integer({ min: 1, max: 11 }), (cands, seats) => {
      const rs = cands.map((c, i) => result(`c${i}`, c.area, c.heads, c.passed));
      const out = allocateSeats(rs, seats);
      const by = new Map(rs.map((r) => [r.matterId, r]));
      expect(out.elected.length + out.openSeats).toBe(seats);
      expect(out.elected.every((id) => by.get(id)!.passed)).toBe(true);
      const key = (id: string) => [by.get(id)!.agree.areaHundredths, by.get(id)!.agree.heads] as const;
      const above = (a: string, b: string) => key(a)[0] > key(b)[0] || (key(a)[0] === key(b)[0] && key(a)[1] > key(b)[1]);
      for (const e of out.elected) for (const r of [...out.runnersUp, ...out.tiedAtLastSeat]) expect(above(e, r)).toBe(true);
      // The result does not depend on the order candidates are listed in.
      const shuffled = allocateSeats([...rs].reverse(), seats);
      expect(new Set(shuffled.elected)).toEqual(new Set(out.elected));
      expect(shuffled.openSeats).toBe(out.openSeats);
    }));
  });

  it('works on a real tally: support > 1/2 of participating area and heads', () => {
    const units: RegisterUnit[] = Array.from({ length: 9 }, (_, i) => ({ unitId: `u${i}`, ownerId: `o${i}`, areaHundredths: 10_000 }));
    const cands = ['c1', 'c2', 'c3', 'c4'].map((id) => ({ id, kind: 'ordinary' as const }));
    // 9 owners vote; c1 gets 9, c2 7, c3 5, c4 4 (not a majority of 9).
    const support: Record<string, number> = { c1: 9, c2: 7, c3: 5, c4: 4 };
    const votes: Vote[] = units.flatMap((u, i) => cands.map((c) => ({ ownerId: u.ownerId, matterId: c.id, choice: i < support[c.id]! ? 'agree' as const : 'disagree' as const })));
    const t = tally(units, cands, votes);
    expect(allocateSeats(t.matters, 3)).toEqual({ elected: ['c1', 'c2', 'c3'], runnersUp: [], tiedAtLastSeat: [], openSeats: 0 });
    expect(allocateSeats(t.matters, 5).openSeats).toBe(2);
  });
});

describe('district rules', () => {
  it('takes Qingdao\'s rules by default and a district\'s overrides', () => {
    expect(DEFAULT_VOTE_RULES).toMatchObject({ announceDays: 15, proxyCap: 3, seatsMin: 5, seatsMax: 11, resultNoticeDays: 3 });
    expect(voteRulesFrom('{"seatsMin":3,"proxyCap":null}')).toMatchObject({ seatsMin: 3, proxyCap: null, announceDays: 15 });
    expect(() => voteRulesFrom('{"announceDays":-1}')).toThrow();
  });

  it('allows only an odd number of seats within the bounds', () => {
    expect(seatsProblem(5, DEFAULT_VOTE_RULES)).toBeNull();
    expect(seatsProblem(11, DEFAULT_VOTE_RULES)).toBeNull();
    expect(seatsProblem(6, DEFAULT_VOTE_RULES)).toContain('odd');
    expect(seatsProblem(3, DEFAULT_VOTE_RULES)).toContain('5 to 11');
    expect(seatsProblem(13, DEFAULT_VOTE_RULES)).toContain('5 to 11');
  });

  it('opens no sooner than the notice period after the announcement; results within the results period', () => {
    expect(earliestOpening('2026-11-25T02:00:00.000Z', DEFAULT_VOTE_RULES)).toBe('2026-12-10T02:00:00.000Z');
    expect(resultPeriodEnd('2026-11-25T02:00:00.000Z', DEFAULT_VOTE_RULES)).toBe('2026-11-28T02:00:00.000Z');
  });
});

describe('committee formation', () => {
  it('counts committees of the compounds in scope, the rate and this year\'s growth, rounded half up', async () => {
    const { formation } = await import('../../shared/votes/formation.ts');
    const compounds = Array.from({ length: 238 }, (_, i) => ({ id: `p${i}`, communityId: `c${i % 50}` }));
    const committees = [
      ...Array.from({ length: 61 }, (_, i) => ({ compoundId: `p${i}`, formedAt: '2024-05-01T00:00:00.000Z' })),
      ...Array.from({ length: 34 }, (_, i) => ({ compoundId: `p${100 + i}`, formedAt: '2026-03-01T00:00:00.000Z' })),
      { compoundId: 'elsewhere', formedAt: '2026-03-01T00:00:00.000Z' },
    ];
    const f = formation({ compounds, committees, yearStart: '2026-01-01' });
    expect(f).toMatchObject({ compounds: 238, withCommittee: 95, atYearStart: 61, ratePermille: 399, growthPermille: 557 });
    expect(f.communities.reduce((a, c) => a + c.withCommittee, 0)).toBe(95);
    expect(formation({ compounds: [], committees, yearStart: '2026-01-01' })).toMatchObject({ ratePermille: null, growthPermille: null });
  });
});
