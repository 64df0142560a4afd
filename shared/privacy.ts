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

export function maskPhone(raw: string): string {
  const p = normalizePhone(raw);
  if (p.length < 7) return '*'.repeat(p.length);
  return `${p.slice(0, 3)}${'*'.repeat(p.length - 7)}${p.slice(-4)}`;
}

export function maskName(raw: string): string {
  const chars = Array.from(raw.trim());
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}
