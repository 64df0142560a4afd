// Art. 278 as pure rules: the boundaries by hand (以上 includes the boundary, 过半数 does
// not), and properties: an extra agree never turns a pass into a fail, vote order does not
// matter, scaling every area leaves every result as it was.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { carries, quorumGap, quorumMet, tally, votingOwners, type Choice, type Matter, type RegisterUnit, type Vote } from '../../shared/votes/tally.ts';

/** n owners of one unit each with the given areas (hundredths). */
const register = (areas: number[]): RegisterUnit[] => areas.map((a, i) => ({ unitId: `u${i}`, ownerId: `o${i}`, areaHundredths: a }));
const votesOf = (choices: (Choice | null)[], matterId = 'm'): Vote[] => choices.flatMap((c, i) => (c ? [{ ownerId: `o${i}`, matterId, choice: c }] : []));

describe('art. 278 boundaries', () => {
  it('meets the quorum at exactly two thirds of area and heads, not one hundredth below', () => {
    expect(quorumMet({ areaHundredths: 200, heads: 2 }, { areaHundredths: 300, heads: 3 })).toBe(true);
    expect(quorumMet({ areaHundredths: 199, heads: 2 }, { areaHundredths: 300, heads: 3 })).toBe(false);
    expect(quorumMet({ areaHundredths: 200, heads: 1 }, { areaHundredths: 300, heads: 3 })).toBe(false);
  });

  it('fails an ordinary matter at exactly one half, passes it just above', () => {
    expect(carries('ordinary', { areaHundredths: 50, heads: 2 }, { areaHundredths: 100, heads: 4 })).toBe(false);
    expect(carries('ordinary', { areaHundredths: 51, heads: 3 }, { areaHundredths: 100, heads: 4 })).toBe(true);
    expect(carries('ordinary', { areaHundredths: 51, heads: 2 }, { areaHundredths: 100, heads: 4 })).toBe(false); // area alone is not enough
  });

  it('passes a special matter at exactly three quarters, fails it one hundredth below', () => {
    expect(carries('special', { areaHundredths: 75, heads: 3 }, { areaHundredths: 100, heads: 4 })).toBe(true);
    expect(carries('special', { areaHundredths: 74, heads: 3 }, { areaHundredths: 100, heads: 4 })).toBe(false);
    expect(carries('special', { areaHundredths: 75, heads: 2 }, { areaHundredths: 100, heads: 4 })).toBe(false);
  });

  it('counts an abstention as taking part and a blank as not; a blank is never an agree', () => {
    // 6 equal owners: 4 take part (2/3), of whom 3 agree.
    const units = register([100, 100, 100, 100, 100, 100]);
    const m: Matter[] = [{ id: 'm', kind: 'ordinary' }];
    const withAbstain = tally(units, m, votesOf(['agree', 'agree', 'agree', 'abstain', null, null]));
    expect(withAbstain.matters[0]).toMatchObject({ participating: { heads: 4, areaHundredths: 400 }, quorumMet: true, passed: true });
    const withBlank = tally(units, m, votesOf(['agree', 'agree', 'agree', null, null, null]));
    expect(withBlank.matters[0]).toMatchObject({ participating: { heads: 3 }, quorumMet: false, passed: false });
    // Two abstentions: 2 of 4 agree is exactly one half, which fails.
    expect(tally(units, m, votesOf(['agree', 'agree', 'abstain', 'abstain', null, null])).matters[0]!.passed).toBe(false);
  });

  it('counts all units of one owner as one head with their summed area, and the developer once', () => {
    const units: RegisterUnit[] = [
      { unitId: '1-101', ownerId: 'zhang', areaHundredths: 8_950 },
      { unitId: '1-102', ownerId: 'zhang', areaHundredths: 9_000 },
      { unitId: '1-201', ownerId: 'li', areaHundredths: 12_000 },
      { unitId: '2-101', ownerId: 'developer', areaHundredths: 10_000 },
      { unitId: '2-102', ownerId: 'developer', areaHundredths: 10_000 },
    ];
    expect(votingOwners(units)).toEqual(new Map([['zhang', 17_950], ['li', 12_000], ['developer', 20_000]]));
    const t = tally(units, [{ id: 'm', kind: 'ordinary' }], [{ ownerId: 'zhang', matterId: 'm', choice: 'agree' }, { ownerId: 'li', matterId: 'm', choice: 'agree' }]);
    expect(t.totals).toEqual({ areaHundredths: 49_950, heads: 3 });
    // 2 of 3 heads, 29,950 of 49,950 area (< 2/3): no quorum.
    expect(t.matters[0]).toMatchObject({ participating: { areaHundredths: 29_950, heads: 2 }, quorumMet: false, passed: false });
  });

  it('tells the committee how far the quorum is, in m² and households', () => {
    expect(quorumGap({ areaHundredths: 0, heads: 0 }, { areaHundredths: 300, heads: 3 })).toEqual({ areaHundredths: 200, heads: 2 });
    expect(quorumGap({ areaHundredths: 150, heads: 1 }, { areaHundredths: 301, heads: 4 })).toEqual({ areaHundredths: 51, heads: 2 });
    expect(quorumGap({ areaHundredths: 999, heads: 9 }, { areaHundredths: 300, heads: 3 })).toEqual({ areaHundredths: 0, heads: 0 });
  });
});

const choiceArb = fc.constantFrom<Choice | null>('agree', 'disagree', 'abstain', null);
const ballotArb = fc.integer({ min: 1, max: 40 }).chain((n) =>
  fc.record({
    areas: fc.array(fc.integer({ min: 1, max: 50_000 }), { minLength: n, maxLength: n }),
    choices: fc.array(choiceArb, { minLength: n, maxLength: n }),
    kind: fc.constantFrom('ordinary' as const, 'special' as const),
  }),
);

describe('art. 278 properties', () => {
  it('never turns a pass into a fail when a non-voter or a dissenter agrees instead', () => {
    fc.assert(fc.property(ballotArb, fc.nat(), ({ areas, choices, kind }, pick) => {
      const m: Matter[] = [{ id: 'm', kind }];
      const before = tally(register(areas), m, votesOf(choices)).matters[0]!;
      const i = pick % choices.length;
      if (choices[i] === 'agree') return;
      const after = tally(register(areas), m, votesOf(choices.map((c, j) => (j === i ? 'agree' : c)))).matters[0]!;
      if (before.passed) expect(after.passed).toBe(true);
    }));
  });

  it('does not depend on the order of the votes', () => {
    fc.assert(fc.property(ballotArb.chain((b) => fc.tuple(fc.constant(b), fc.shuffledSubarray(votesOf(b.choices), { minLength: votesOf(b.choices).length, maxLength: votesOf(b.choices).length }))), ([{ areas, choices, kind }, shuffled]) => {
      const m: Matter[] = [{ id: 'm', kind }];
      expect(tally(register(areas), m, shuffled)).toEqual(tally(register(areas), m, votesOf(choices)));
    }));
  });

  it('gives the same results when every area is scaled by the same factor', () => {
    fc.assert(fc.property(ballotArb, fc.integer({ min: 2, max: 1000 }), ({ areas, choices, kind }, k) => {
      const m: Matter[] = [{ id: 'm', kind }];
      const a = tally(register(areas), m, votesOf(choices)).matters[0]!;
      const b = tally(register(areas.map((x) => x * k)), m, votesOf(choices)).matters[0]!;
      expect([b.quorumMet, b.passed, b.participating.heads]).toEqual([a.quorumMet, a.passed, a.participating.heads]);
      expect(b.agree.areaHundredths).toBe(a.agree.areaHundredths * k);
    }));
  });

  it('agrees with the rules written with fractions', () => {
    fc.assert(fc.property(ballotArb, ({ areas, choices, kind }) => {
      const r = tally(register(areas), [{ id: 'm', kind }], votesOf(choices)).matters[0]!;
      const total = areas.reduce((a, b) => a + b, 0);
      const part = choices.map((c, i) => (c ? areas[i]! : 0)).reduce((a, b) => a + b, 0);
      const partHeads = choices.filter(Boolean).length;
      const agree = choices.map((c, i) => (c === 'agree' ? areas[i]! : 0)).reduce((a, b) => a + b, 0);
      const agreeHeads = choices.filter((c) => c === 'agree').length;
      // BigInt: an independent, exact check of the same inequalities.
      const ge = (a: number, b: number, p: bigint, q: bigint) => BigInt(a) * q >= BigInt(b) * p; // a/b ≥ p/q
      const gt = (a: number, b: number, p: bigint, q: bigint) => BigInt(a) * q > BigInt(b) * p;
      const quorum = ge(part, total, 2n, 3n) && ge(partHeads, areas.length, 2n, 3n);
      const wins = partHeads > 0 && (kind === 'ordinary' ? gt(agree, part, 1n, 2n) && gt(agreeHeads, partHeads, 1n, 2n) : ge(agree, part, 3n, 4n) && ge(agreeHeads, partHeads, 3n, 4n));
      expect(r.quorumMet).toBe(quorum);
      expect(r.passed).toBe(quorum && wins);
    }));
  });
});
