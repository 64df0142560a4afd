// Exclusive areas are kept as integer hundredths of a square metre so that sums and the
// art. 278 fractions later computed from them are exact.

const AREA_PATTERN = /^\d{1,7}(\.\d{1,2})?$/;

export type AreaParse =
  | { ok: true; hundredths: number }
  | { ok: false; reason: 'missing' | 'not_a_number' | 'too_precise' | 'not_positive' | 'too_large' };

export function parseArea(raw: string): AreaParse {
  const text = raw.trim().replace(/(m2|㎡|平方米|平米)$/i, '').trim();
  if (text === '') return { ok: false, reason: 'missing' };
  if (/^\d+\.\d{3,}$/.test(text)) return { ok: false, reason: 'too_precise' };
  if (/^\d{8,}(\.\d*)?$/.test(text)) return { ok: false, reason: 'too_large' };
  if (!AREA_PATTERN.test(text)) return { ok: false, reason: 'not_a_number' };
  const [whole, frac = ''] = text.split('.');
  const hundredths = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  if (hundredths <= 0) return { ok: false, reason: 'not_positive' };
  return { ok: true, hundredths };
}

export function formatArea(hundredths: number): string {
  const whole = Math.trunc(hundredths / 100);
  const frac = String(hundredths % 100).padStart(2, '0');
  return `${whole}.${frac}`;
}
