// The deemed tally ("non-voters follow the majority"): only owners with proof of delivery,
// only blanks, only toward a real majority; it never changes the raw tally.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deemedTally } from '../../shared/votes/deemed.ts';
import { tally, type Choice, type Vote } from '../../shared/votes/tally.ts';

const units = Array.from({ length: 10 }, (_, i) => ({ ownerId: `o${i}`, areaHundredths: 10_000 }));
const m = [{ id: 'm', kind: 'ordinary' as const }];
const votes = (cs: (Choice | null)[]): Vote[] => cs.flatMap((c, i) => (c ? [{ ownerId: `o${i}`, matterId: 'm', choice: c }] : []));

describe('deemed tally', () => {
  it('adds delivered non-voters to the majority, and only them', () => {
    // 5 of 10 vote (no quorum raw), 4 agree. o5-o7 had the ballot delivered, o8-o9 not.
    const v = votes(['agree', 'agree', 'agree', 'agree', 'disagree', null, null, null, null, null]);
    const out = deemedTally(units, m, v, new Set(['o5', 'o6', 'o7', 'o0']));
    expect(tally(units, m, v).matters[0]!.quorumMet).toBe(false);
    expect(out.deemed).toEqual([{ matterId: 'm', choice: 'agree', owners: 3 }]);
    expect(out.tally.matters[0]).toMatchObject({ participating: { heads: 8 }, agree: { heads: 7 }, quorumMet: true, passed: true });
  });

  it('deems nobody when no choice holds more than half of both area and heads', () => {
    const v = votes(['agree', 'agree', 'disagree', 'disagree', 'abstain', null, null, null, null, null]);
    const out = deemedTally(units, m, v, new Set(['o5', 'o6', 'o7', 'o8', 'o9']));
    expect(out.deemed[0]).toEqual({ matterId: 'm', choice: null, owners: 0 });
    expect(out.tally).toEqual(tally(units, m, v));
  });

  it('property: with nobody delivered it is the raw tally; the majority never loses by deeming', () => {
    const choice = fc.constantFrom<Choice | null>('agree', 'disagree', 'abstain', null);
    fc.assert(fc.property(fc.array(choice, { minLength: 10, maxLength: 10 }), fc.subarray(units.map((u) => u.ownerId)), (cs, delivered) => {
      const v = votes(cs);
      expect(deemedTally(units, m, v, new Set()).tally).toEqual(tally(units, m, v));
      const raw = tally(units, m, v).matters[0]!;
      const out = deemedTally(units, m, v, new Set(delivered));
      if (out.deemed[0]!.choice === 'agree' && raw.passed) expect(out.tally.matters[0]!.passed).toBe(true);
      if (out.deemed[0]!.choice === 'disagree') expect(out.tally.matters[0]!.passed).toBe(false);
      expect(out.tally.matters[0]!.participating.heads).toBe(raw.participating.heads + out.deemed[0]!.owners);
    }));
  });
});
