// A result in words: the deciding numbers as a notice prints them, the display never rounding
// a share up across a threshold, and the committee's quorum gap.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { areaWords, gapWords, matterWords, percentWords, thresholdNote } from '../../shared/votes/words.ts';
import { quorumGap, tally, type RegisterUnit } from '../../shared/votes/tally.ts';

describe('a result in words', () => {
  it('prints areas with thousands separators and two decimals', () => {
    expect(areaWords(1_234_567)).toBe('12,345.67');
    expect(areaWords(5)).toBe('0.05');
  });

  it('never shows a share just under a threshold as the threshold', () => {
    expect(percentWords(2, 3)).toBe('66.66%');
    expect(percentWords(1, 2)).toBe('50.00%');
    expect(percentWords(0, 0)).toBe('—');
    fc.assert(fc.property(fc.nat(1_000_000), fc.integer({ min: 1, max: 1_000_000 }), (a, b) => {
      const shown = Number(percentWords(Math.min(a, b), b).replace('%', ''));
      expect(shown).toBeLessThanOrEqual((Math.min(a, b) / b) * 100 + 1e-9);
    }));
  });

  it('prints the exact fraction beside a share whose percentage alone would mislead at its threshold', () => {
    // Exactly two thirds prints 66.66% next to 达到三分之二: the fraction says it is exact.
    expect(thresholdNote(80_000, 120_000, 2, 3, areaWords)).toBe('（800.00 / 1,200.00 = 2/3）');
    expect(thresholdNote(1, 2, 1, 2, String)).toBe('（1 / 2 = 1/2）');
    expect(thresholdNote(3, 4, 3, 4, String)).toBe('（3 / 4 = 3/4）');
    expect(thresholdNote(7, 10, 2, 3, String)).toBe('');
    // Over any shares and the three thresholds: without the note, the printed percentage is on
    // the same side of the threshold's printed value as the exact share is of the threshold.
    fc.assert(fc.property(fc.integer({ min: 1, max: 2_000_000 }), fc.nat(2_000_000), fc.constantFrom([2, 3], [1, 2], [3, 4]), (whole, p, [num, den]) => {
      const part = p % (whole + 1);
      const note = thresholdNote(part, whole, num!, den!, String);
      const printed = Math.floor((part * 10_000) / whole) - Math.floor((num! * 10_000) / den!);
      const exact = part * den! - num! * whole;
      if (note === '') expect(Math.sign(printed)).toBe(Math.sign(exact));
      else expect(note).toContain(exact > 0 ? '>' : exact < 0 ? '<' : '=');
      if (exact === 0) expect(note).toContain('=');
    }), { numRuns: 2000 });
  });

  it('explains a passed ordinary matter and a special matter that missed three quarters', () => {
    const units: RegisterUnit[] = [100, 100, 100, 100].map((a, i) => ({ unitId: `u${i}`, ownerId: `o${i}`, areaHundredths: a * 100 }));
    const t = tally(units, [{ id: 'm1', kind: 'ordinary' }, { id: 'm2', kind: 'special' }], [
      ...['agree', 'agree', 'disagree'].map((c, i) => ({ ownerId: `o${i}`, matterId: 'm1', choice: c as 'agree' | 'disagree' })),
      ...['agree', 'agree', 'disagree'].map((c, i) => ({ ownerId: `o${i}`, matterId: 'm2', choice: c as 'agree' | 'disagree' })),
    ]);
    expect(matterWords(t.matters[0]!, t.totals)).toEqual([
      '参与表决面积 300.00 m²，占总面积 75.00%，达到三分之二 ✔',
      '参与表决人数 3 人，占总人数 75.00%，达到三分之二 ✔',
      '同意面积 200.00 m²，占参与表决面积 66.66%，达到过半数 ✔',
      '同意人数 2 人，占参与表决人数 66.66%，达到过半数 ✔',
      '本事项表决通过',
    ]);
    const special = matterWords(t.matters[1]!, t.totals);
    expect(special.slice(2)).toEqual([
      '同意面积 200.00 m²，占参与表决面积 66.66%，未达到四分之三以上 ✘',
      '同意人数 2 人，占参与表决人数 66.66%，未达到四分之三以上 ✘',
      '本事项未获通过',
    ]);
  });

  it('says when the quorum was missed, and what the committee still needs', () => {
    const units: RegisterUnit[] = [5_000, 5_000, 5_000].map((a, i) => ({ unitId: `u${i}`, ownerId: `o${i}`, areaHundredths: a }));
    const t = tally(units, [{ id: 'm', kind: 'ordinary' }], [{ ownerId: 'o0', matterId: 'm', choice: 'agree' }]);
    expect(matterWords(t.matters[0]!, t.totals).at(-1)).toBe('参与表决的业主未达到法定人数和面积，本事项未能表决通过');
    expect(gapWords(quorumGap(t.matters[0]!.participating, t.totals))).toBe('还差 50.00 m² 和 1 户');
    expect(gapWords({ areaHundredths: 0, heads: 0 })).toBe('参与表决的面积和人数均已达到三分之二');
  });
});
