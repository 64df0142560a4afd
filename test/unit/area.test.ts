import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatArea, parseArea } from '../../shared/area.ts';

describe('exclusive area', () => {
  it('round-trips every value in hundredths exactly', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 999_999_999 }), (h) => {
      expect(parseArea(formatArea(h))).toEqual({ ok: true, hundredths: h });
    }));
  });

  it('sums stay exact where floating point would drift', () => {
    // 0.1 + 0.2 in floats is 0.30000000000000004; in hundredths it is 30.
    const a = parseArea('0.10');
    const b = parseArea('0.20');
    expect(a.ok && b.ok && a.hundredths + b.hundredths).toBe(30);
  });

  it.each([
    ['', 'missing'], ['   ', 'missing'], ['abc', 'not_a_number'], ['1,5', 'not_a_number'], ['-3', 'not_a_number'],
    ['12.345', 'too_precise'], ['0', 'not_positive'], ['0.00', 'not_positive'], ['123456789', 'too_large'],
  ])('rejects %j as %s', (raw, reason) => {
    expect(parseArea(raw)).toEqual({ ok: false, reason });
  });

  it('accepts units written after the number, as spreadsheets often have them', () => {
    expect(parseArea('89.5㎡')).toEqual({ ok: true, hundredths: 8950 });
    expect(parseArea(' 120 平方米')).toEqual({ ok: true, hundredths: 12000 });
  });
});
