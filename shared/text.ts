// String schemas for human-readable fields (full zod). The rule is in text-rules.ts; the
// resident pages, which use zod/mini, take the same builders from text-mini.ts.
import * as z from 'zod';
import { cleanText, refusedCharacter, type TextKind } from './text-rules.ts';

export interface LengthMessages { min?: string; max?: string }

function build(kind: TextKind, min: number, max: number, messages: LengthMessages = {}) {
  return z
    .string()
    .overwrite((v) => cleanText(v, kind))
    .superRefine((v, ctx) => {
      const refused = refusedCharacter(v, kind);
      if (refused) ctx.addIssue({ code: 'custom', message: refused.message, input: v, params: { codePoint: refused.codePoint } });
    })
    .min(min, messages.min)
    .max(max, messages.max);
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
