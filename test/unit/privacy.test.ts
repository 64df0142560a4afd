import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isValidPhone, maskName, maskPhone } from '../../shared/privacy.ts';

describe('masking', () => {
  it('never shows more than the first 3 and last 4 digits of a mobile number', () => {
    fc.assert(fc.property(fc.stringMatching(/^1[3-9]\d{9}$/), (phone) => {
      const masked = maskPhone(phone);
      expect(masked).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
      expect(masked).not.toContain(phone.slice(3, 7));
    }));
  });

  it('keeps only the surname character of a name', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 6 }).filter((s) => s.trim().length > 0), (name) => {
      const masked = Array.from(maskName(name));
      expect(masked.slice(1).every((c) => c === '*')).toBe(true);
    }));
  });

  it('accepts mobiles and Qingdao landlines, refuses the rest', () => {
    for (const ok of ['13800000000', '+86 138 0000 0000', '0532-88886666', '053288886666']) expect(isValidPhone(ok)).toBe(true);
    for (const bad of ['12800000000', '1380000000', 'abc', '138000000001', '88886666']) expect(isValidPhone(bad)).toBe(false);
  });
});
