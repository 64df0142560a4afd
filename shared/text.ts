// String schemas for human-readable fields, built on zod's small build (`zod/mini`): the
// staff schemas, the resident pages and the functions all take these same builders. The rule
// is in text-rules.ts.
import * as z from 'zod/mini';
import { cleanText, refusedCharacter, type TextKind } from './text-rules.ts';

export interface LengthMessages { min?: string; max?: string }

function build(kind: TextKind, min: number, max: number, messages: LengthMessages = {}) {
  return z.string().check(
    z.overwrite((v: string) => cleanText(v, kind)),
    z.superRefine<string>((v, ctx) => {
      const refused = refusedCharacter(v, kind);
      if (refused) ctx.addIssue({ code: 'custom', message: refused.message, input: v, params: { codePoint: refused.codePoint } });
    }),
    z.minLength(min, messages.min),
    z.maxLength(max, messages.max),
  );
}

/** A single-line name or title: trimmed, NFC, no control, format or line-break characters. */
export function name(min: number, max: number, messages?: LengthMessages) {
  return build('name', min, max, messages);
}

/** Multi-line free text (matter texts, minutes, bios, reasons): as name, but \n is kept. */
export function text(min: number, max: number, messages?: LengthMessages) {
  return build('text', min, max, messages);
}

/** A building or unit name: as name, and no '#' (they are parts of sort keys). */
export function keyName(min: number, max: number, messages?: LengthMessages) {
  return build('key', min, max, messages);
}
