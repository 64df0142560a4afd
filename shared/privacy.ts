// Masking for anything a person's name or phone could reach outside the staff register:
// logs, public pages, reports.

const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}-?\d{7,8}$/;

export function normalizePhone(raw: string): string {
  return raw.replace(/[\s()（）]/g, '').replace(/^\+?86-?/, '');
}

export function isValidPhone(raw: string): boolean {
  const p = normalizePhone(raw);
  return MOBILE.test(p) || LANDLINE.test(p);
}

/**
 * Full-width digits, X, plus and separators as their ASCII forms. Every one is a single
 * UTF-16 unit either way, so an index into the result is the same index into the input.
 */
export function halfWidth(text: string): string {
  return text.replace(/[\uFF08\uFF09\uFF0B\uFF0D\uFF0E\uFF10-\uFF19\uFF38\uFF58]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** One known phone number: the first 3 and last 4 digits of a mobile or a landline with its area code, nothing of a shorter number. */
export function maskPhone(raw: string): string {
  const p = normalizePhone(halfWidth(raw)).replace(/\D/g, '');
  // At least 4 digits stay hidden: a 7- or 8-digit local number shows none.
  if (p.length < 11) return '*'.repeat(p.length);
  return `${p.slice(0, 3)}${'*'.repeat(p.length - 7)}${p.slice(-4)}`;
}

export function maskName(raw: string): string {
  const chars = Array.from(raw.trim());
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

/**
 * What may stand between the digits of one number: spaces, hyphens and dashes, dots,
 * parentheses, underscores, slashes, commas and enumeration commas (，、), middle dots,
 * tildes and bars (full-width forms of ASCII ones are folded first); not colons, which times use.
 */
export const NUMBER_SEPARATORS = /[\s\-\u2010-\u2015\u2212\uFE63.()_/\uFF0C\u3001\u00B7\u30FB~|]/;

/** Chinese digits as written out in a phone number (一三八…, 幺 for one, 壹叁捌 in the formal hand). */
const CHINESE_DIGITS: Record<string, string> = {
  '〇': '0', '○': '0', '零': '0', '洞': '0', '一': '1', '幺': '1', '二': '2', '三': '3', '四': '4', '五': '5', '六': '6', '七': '7', '八': '8', '九': '9',
  '壹': '1', '贰': '2', '貳': '2', '叁': '3', '參': '3', '肆': '4', '伍': '5', '陆': '6', '陸': '6', '柒': '7', '捌': '8', '玖': '9',
  '⓪': '0', '①': '1', '②': '2', '③': '3', '④': '4', '⑤': '5', '⑥': '6', '⑦': '7', '⑧': '8', '⑨': '9',
};
const CHINESE_DIGIT = new RegExp(`[${Object.keys(CHINESE_DIGITS).join('')}]`, 'g');
/** Each one UTF-16 unit either way, so indexes stay the same. */
const foldChineseDigits = (text: string) => text.replace(CHINESE_DIGIT, (c) => CHINESE_DIGITS[c]!);
const SEP = `${NUMBER_SEPARATORS.source}{0,4}`;
/** A calendar date (2026-12-01, 2026.3.15, optionally with a time), which is not a person's number. */
const DATE = String.raw`(?<date>(?:19|20)\d\d(?<ds>[-./])(?:0?[1-9]|1[0-2])\k<ds>(?:0?[1-9]|[12]\d|3[01])(?:[ T](?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?)?(?!${SEP}\d))`;
/** Digits with up to 3 separators between each two, and the X that ends an ID number. */
const RUN = String.raw`\d(?:${SEP}\d)*(?:${SEP}[Xx])?`;
const NUMBER = new RegExp(`${DATE}|${RUN}`, 'g');

/** Runs of this many digits are treated as personal numbers (phones have 7 or more). */
export const MASKED_RUN = 7;

/**
 * Masks personal numbers inside free text (a suggestion, a reason, an outcome, a log
 * message): every run of 7 or more digits, in ASCII, full-width or Chinese (一三八, 壹叁捌),
 * separated or not by spaces, hyphens, dots, parentheses, underscores or slashes, and the X of an 18-character ID number. Every digit
 * of such a run becomes `*`, with its separators kept; only a `+86` country code stays.
 * Nothing of the number is kept, unlike maskPhone: a last 4 of a phone or an ID card is what
 * people answer security questions with (a proxy is identified here by the ID card's last
 * 6), and shown next to a building and unit it narrows a phone to 10,000 numbers.
 * Shorter numbers (2号楼 3-401, 85.5, 2026) and dates (2026-12-01 14:00) are left as written.
 */
export function maskNumbers(text: string): string {
  const ascii = foldChineseDigits(halfWidth(text));
  let out = '';
  let done = 0;
  for (const m of ascii.matchAll(NUMBER)) {
    if (m.groups?.date !== undefined) continue;
    const run = m[0];
    const digits = run.replace(/\D/g, '').length;
    if (digits < MASKED_RUN) continue;
    const start = m.index;
    // "+86 138…": the country code is nobody's; keep it readable.
    const keep = ascii[start - 1] === '+' && run.startsWith('86') ? 2 : 0;
    out += text.slice(done, start);
    let seen = 0;
    for (let i = 0; i < run.length; i++) {
      const c = run[i]!;
      const digit = c >= '0' && c <= '9';
      out += (digit && seen++ >= keep) || ((c === 'X' || c === 'x') && digits === 17) ? '*' : text[start + i];
    }
    done = start + run.length;
  }
  return out + text.slice(done);
}
