// Which characters a human-readable name or text may hold. Without zod, so that the schemas
// (shared/text.ts) and the register import apply one rule.
//
// A value is trimmed and normalised to NFC, then refused if it still holds a control or
// format character (Unicode Cc and Cf: bidi overrides, zero-width characters, NUL, C0/C1
// controls), a letter that draws nothing (Hangul filler), a lone surrogate, or a line break. Otherwise two buildings, candidates or
// matters could look the same and be different strings, or a name could reorder the text
// around it. Multi-line texts keep \n (a \r\n from a textarea becomes \n); names keep none.
// Building and unit names also refuse '#': they are parts of sort keys (UNIT#building#unit),
// where 'a#b' + 'c' would be the same key as 'a' + 'b#c'.

/** name: one line; text: may hold \n; key: one line, no '#' (building and unit names). */
export type TextKind = 'name' | 'text' | 'key';

const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/;
const LINE_BREAK = /[\n\v\f\r\u0085\u2028\u2029]/;
/** Letters that draw nothing (Hangul fillers, the braille blank): a name of them looks empty. */
const BLANK = /[\u115F\u1160\u3164\uFFA0\u2800]/;
const CONTROL = /\p{Cc}/u;
const FORMAT = /\p{Cf}/u;

/** 'U+202E' for a character (the first code point, or the lone surrogate). */
export function codePointLabel(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Trimmed and NFC; for multi-line text, \r\n is \n. Apply before refusedCharacter. */
export function cleanText(value: string, kind: TextKind): string {
  const v = value.trim().normalize('NFC');
  return kind === 'text' ? v.replace(/\r\n/g, '\n') : v;
}

export interface Refusal {
  /** The refused character itself. */
  char: string;
  /** 'U+202E'. */
  codePoint: string;
  /** 'a bidi control', 'a zero-width character', … */
  what: string;
  /** 1-based, counted in characters (code points). */
  position: number;
  message: string;
}

function classify(char: string, kind: TextKind): string | null {
  if (char === '#') return kind === 'key' ? '#' : null;
  if (char === '\n' && kind === 'text') return null;
  if (LINE_BREAK.test(char)) return 'a line break';
  if (BIDI.test(char)) return 'a bidi control';
  if (ZERO_WIDTH.test(char)) return 'a zero-width character';
  if (BLANK.test(char)) return 'a blank filler character';
  const unit = char.charCodeAt(0);
  if (char.length === 1 && unit >= 0xd800 && unit <= 0xdfff) return 'a lone surrogate';
  if (CONTROL.test(char)) return 'a control character';
  if (FORMAT.test(char)) return 'an invisible format character';
  return null;
}

/** The first character the rule refuses in an already cleaned value, or null. */
export function refusedCharacter(value: string, kind: TextKind): Refusal | null {
  let position = 0;
  // for…of steps by code point; a lone surrogate comes out alone.
  for (const char of value) {
    position++;
    const what = classify(char, kind);
    if (what === null) continue;
    const codePoint = codePointLabel(char);
    const message = what === '#'
      ? `# (${codePoint}) is not allowed in a building or unit name, at character ${position} (write 1号楼, not 1#楼)`
      : `${codePoint} (${what}) is not allowed${kind === 'text' ? '' : ' in a name'}, at character ${position}`;
    return { char, codePoint, what, position, message };
  }
  return null;
}
