// Household codes: one per unit and purpose, printed on a letter, typed on a phone or read
// aloud at the community office. 12 characters from an alphabet without look-alikes
// (no 0/O, 1/I/L, 2/Z) give 12 × log2(29) ≈ 58.3 bits; groups of four are easy to read aloud.

export const CODE_ALPHABET = '3456789ABCDEFGHJKMNPQRSTUVWXY';
export const CODE_LENGTH = 12;
export const CODE_BITS = CODE_LENGTH * Math.log2(CODE_ALPHABET.length);

/** Draws characters without modulo bias: bytes at or above the largest multiple are skipped. */
export function codeFromBytes(next: () => Uint8Array): string {
  const n = CODE_ALPHABET.length;
  const limit = 256 - (256 % n);
  let out = '';
  while (out.length < CODE_LENGTH) {
    for (const b of next()) {
      if (b >= limit) continue;
      out += CODE_ALPHABET[b % n];
      if (out.length === CODE_LENGTH) break;
    }
  }
  return out;
}

export function formatCode(code: string): string {
  return code.match(/.{1,4}/g)!.join('-');
}

/** What a person typed, as the canonical code, or null when it cannot be one. */
export function normalizeCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s\-–—_.·]/g, '');
  if (code.length !== CODE_LENGTH) return null;
  for (const ch of code) if (!CODE_ALPHABET.includes(ch)) return null;
  return code;
}

/** The audience of resident tokens, checked by the resident authorizer. */
export const RESIDENT_AUDIENCE = 'gongzhi-resident';
