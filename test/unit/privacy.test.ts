import { afterEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { halfWidth, isValidPhone, maskName, maskNumbers, maskPhone, NUMBER_SEPARATORS } from '../../shared/privacy.ts';
import { logger, maskLogValue } from '../../functions/lib/logger.ts';

const FULL = (s: string) => s.replace(/[0-9Xx+\-.()]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const SEPARATORS = [' ', '-', '.', '－', '．', '　', ' - ', ') ', '）', '(', '（', '--', '–', '\u00a0'];
const PREFIXES = ['', '+86 ', '+86', '+86-', '＋８６ ', '(+86) ', '86 ', '0086 '];

/** A number's digits written the way people write them: split into groups by separators, some or all digits full-width. */
const spelled = (digits: string) => fc.record({
  cuts: fc.uniqueArray(fc.integer({ min: 1, max: digits.length - 1 }), { maxLength: 4 }),
  seps: fc.array(fc.constantFrom(...SEPARATORS), { minLength: 4, maxLength: 4 }),
  wide: fc.array(fc.boolean(), { minLength: digits.length, maxLength: digits.length }),
  allWide: fc.boolean(),
}).map(({ cuts, seps, wide, allWide }) => {
  const chars = Array.from(digits, (c, i) => (allWide || wide[i] ? FULL(c) : c));
  const sorted = [...cuts].sort((a, b) => a - b);
  let out = '';
  let from = 0;
  sorted.forEach((cut, i) => {
    out += chars.slice(from, cut).join('') + seps[i]!;
    from = cut;
  });
  return out + chars.slice(from).join('');
});

const mobile = fc.stringMatching(/^1[3-9]\d{9}$/);
const landline = fc.stringMatching(/^0[1-9]\d{1,2}[2-9]\d{6,7}$/);
const idNumber = fc.stringMatching(/^[1-8]\d{5}(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d)\d{3}[\dXx]$/);

/** A personal number as written, with the digits it stands for (without a +86 country code). */
const personal: fc.Arbitrary<{ digits: string; written: string }> = fc.oneof(
  fc.tuple(fc.oneof(mobile, landline), fc.constantFrom(...PREFIXES)).chain(([digits, prefix]) => spelled(digits).map((w) => ({ digits, written: prefix + w }))),
  idNumber.chain((digits) => spelled(digits).map((written) => ({ digits, written }))),
);
const chineseText = fc.string({ unit: fc.constantFrom('联', '系', '电', '话', '：', '，', '我', '家', '楼', '号', '。', '（', '）', ' ', '的', 'X', 'x', 'a'), maxLength: 8 });
const shortNumbers = fc.constantFrom('2号楼 3-401', '缴费85.5元', '2026年', '2026-12-01', '第12号', '3单元 502室', '（2026）1号', '面积 120.25 平方米');

const stripSeparators = (s: string) => halfWidth(s).replace(new RegExp(NUMBER_SEPARATORS.source, 'g'), '');
function expectNoRunOf7(masked: string, digits: string) {
  const seen = stripSeparators(masked);
  for (let i = 0; i + 7 <= digits.length; i++) expect(seen, `${digits.slice(i, i + 7)} survived in ${masked}`).not.toContain(digits.slice(i, i + 7).toUpperCase());
  for (let i = 0; i + 7 <= digits.length; i++) expect(seen).not.toContain(digits.slice(i, i + 7).toLowerCase());
}

describe('masking', () => {
  it('never shows more than the first 3 and last 4 digits of a mobile number', () => {
    fc.assert(fc.property(mobile, (phone) => {
      const masked = maskPhone(phone);
      expect(masked).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
      // The middle four digits are gone from their positions (they may equal the last four).
      expect(masked.slice(3, 7)).toBe('****');
      expect(masked.replace(/\*/g, '')).toBe(phone.slice(0, 3) + phone.slice(-4));
      expect(maskPhone(FULL(phone))).toBe(masked);
      expect(maskPhone(`+86 ${phone.slice(0, 3)}-${phone.slice(3, 7)} ${phone.slice(7)}`)).toBe(masked);
    }));
  });

  it('hides at least 4 digits of any phone, all of a short local number', () => {
    expect(maskPhone('0532-88886666')).toBe('053*****6666');
    expect(maskPhone('88886666')).toBe('********');
    expect(maskPhone('8888666')).toBe('*******');
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

describe('maskNumbers (free text)', () => {
  it('leaves no digit of a phone or ID number in Chinese text, in any spelling (only a +86 country code)', () => {
    fc.assert(fc.property(personal, chineseText, chineseText, ({ digits, written }, before, after) => {
      const masked = maskNumbers(before + written + after);
      expect(halfWidth(masked).replace(/\+86/g, '+')).not.toMatch(/\d/);
      expectNoRunOf7(masked, digits);
      // Only digits (and an ID's X) change; text around and separators stay.
      expect(Array.from(masked).length).toBe(Array.from(before + written + after).length);
      expect(masked.startsWith(before.replace(/[Xx]$/, ''))).toBe(true);
    }), { numRuns: 500 });
  });

  it('masks the number and leaves the short numbers around it as written', () => {
    fc.assert(fc.property(personal, shortNumbers, shortNumbers, ({ digits, written }, a, b) => {
      const head = `${a}，电话`;
      const tail = `。${b}`;
      const masked = maskNumbers(head + written + tail);
      expect(masked.startsWith(head)).toBe(true);
      expect(masked.endsWith(tail)).toBe(true);
      // Only the number's own stretch: a short number around it may be the same digits as a
      // part of it (the date 2026-12-01 next to an ID number born that day) and stays as written.
      expectNoRunOf7(masked.slice(head.length, masked.length - tail.length), digits);
    }), { numRuns: 300 });
    // The counterexample that once tripped the check above rather than the masking.
    expect(maskNumbers('2号楼 3-401，电话10000020261201000X。2026-12-01')).toBe('2号楼 3-401，电话******************。2026-12-01');
  });

  it('masks each format a resident writes', () => {
    const cases: [string, string][] = [
      ['13812345678', '***********'],
      ['138 1234 5678', '*** **** ****'],
      ['138-1234-5678', '***-****-****'],
      ['138.1234.5678', '***.****.****'],
      ['+86 139 1234 5678', '+86 *** **** ****'],
      ['+8613912345678', '+86***********'],
      ['１３８１２３４５６７８', '***********'],
      ['１３８－１２３４－５６７８', '***－****－****'],
      ['0532 8888 6666', '**** **** ****'],
      ['(0532) 88886666', '(****) ********'],
      ['（0532）8888-6666', '（****）****-****'],
      ['0532-88886666', '****-********'],
      ['8888666', '*******'],
      ['37020219900101123X', '******************'],
      ['370202199001011234', '******************'],
      ['37020219900101123x', '******************'],
      ['370202 19900101 123X', '****** ******** ****'],
      ['３７０２０２１９９００１０１１２３Ｘ', '******************'],
      ['我家电话13812345678，晚上打', '我家电话***********，晚上打'],
      ['身份证号370202199001011234。', '身份证号******************。'],
      ['物业电话：0532-8888 6666，业主138 1234 5678', '物业电话：****-**** ****，业主*** **** ****'],
      ['电话一三八一二三四五六七八', '电话***********'],
      ['幺三八 一二三四 五六七八', '*** **** ****'],
      ['壹叁捌壹贰叁肆伍陆柒捌', '***********'],
      ['〇五三二-八八八八六六六六', '****-********'],
      ['138_1234_5678', '***_****_****'],
      ['138/1234/5678', '***/****/****'],
      // Reported by the attack on the running district: IME zero, commas, middle dots, circled digits.
      ['一三八○○一三八○○○', '***********'],
      ['138，0013，8000', '***，****，****'],
      ['138·0013·8000', '***·****·****'],
      ['138    0013    8000', '***    ****    ****'],
      ['①③⑧⓪⓪①③⑧⓪⓪⓪', '***********'],
      ['幺三八洞洞幺三八洞洞洞', '***********'],
      ['壹參捌貳陸', '壹參捌貳陸'],
    ];
    for (const [text, masked] of cases) expect(maskNumbers(text), text).toBe(masked);
  });

  it('leaves building and unit numbers, amounts, years and dates alone', () => {
    for (const text of ['2号楼 3-401', '2号楼3单元401室', '85.5', '缴费85.5元', '2026', '2026年3月15日', '2026-12-01', '2026.3.15', '2026/03/15', '2026-03-15 14:00', '2026-03-15T14:00:00.000Z',
      '第12345号', '123456', '1,500,000元', '面积 120.25 平方米', '3-401 与 5-602', '参加人数 41 人，同意 38 人', 'X光', '第三十七条', '一二三号楼', '三号楼五单元', '七上八下', '2/3 的业主', '']) {
      expect(maskNumbers(text), text).toBe(text);
    }
  });

  it('does not let a date shape carry the rest of a phone past the mask', () => {
    expect(maskNumbers('1990-01-01 234')).toBe('****-**-** ***');
    // A date run into a number by a space is masked with it: the safe side.
    expect(maskNumbers('2026-12-01 13812345678')).toBe('****-**-** ***********');
    expect(maskNumbers('2026-12-01，电话13812345678')).toBe('2026-12-01，电话***********');
  });
});

describe('log lines', () => {
  afterEach(() => vi.restoreAllMocks());

  it('masks numbers in messages, stacks and reasons, and leaves ids alone', () => {
    expect(maskLogValue('message', 'Unexpected token in "电话13812345678"')).toBe('Unexpected token in "电话***********"');
    expect(maskLogValue('reason', '370202199001011234')).toBe('******************');
    expect(maskLogValue('messageId', '12345678-1234-1234-1234-123456789012')).toBe('12345678-1234-1234-1234-123456789012');
    expect(maskLogValue('count', 13812345678)).toBe(13812345678);
  });

  it('an error logged with a phone in its message comes out masked', () => {
    const lines: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (lines.push(String(chunk)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (lines.push(String(chunk)), true));
    logger.error('unhandled error', { error: new Error('bad body: {"suggestion":"请打138 1234 5678"}'), correlationId: 'c-20261201-1234567' });
    const out = lines.join('');
    expect(out).toContain('*** **** ****');
    expect(out).not.toMatch(/138 1234 5678|12345678/);
    expect(out).toContain('c-20261201-1234567');
  });
});
