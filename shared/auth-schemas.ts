// Messages of the access capability: household codes and their exchange.
import * as z from 'zod/mini';
import './zod-en.ts';
import { PURPOSE_KINDS } from './access.ts';
import { Id } from './registry/schemas.ts';
import { keyName, name } from './text.ts';

// Each schema is built through `pure`, marked free of side effects, so that a function's
// bundle leaves out (and so never builds at cold start) the schemas its own route does not
// use. esbuild honours the mark only in the file that declares it: one such line per module.
const pure = /* @__NO_SIDE_EFFECTS__ */ <T>(build: () => T): T => build();

export const PurposeSchema = pure(() => z.object({
  kind: z.enum(PURPOSE_KINDS),
  id: Id,
  /** Shown on the letter, e.g. 2026年下半年物业服务评价. */
  title: name(2, 60),
}));

export const IssueCodesBody = pure(() => z.object({
  purpose: PurposeSchema,
  expiresAt: z.iso.datetime({ offset: true }).check(z.refine((d) => Date.parse(d) > Date.now(), 'must be in the future')),
  /** 'missing': only units without a live code for this purpose; 'all' also replaces live ones. */
  units: z._default(z.enum(['missing', 'all']), 'missing'),
}));
export type IssueCodesBody = z.infer<typeof IssueCodesBody>;

export const RevokeCodeBody = pure(() => z.object({
  purposeId: Id,
  building: keyName(1, 20),
  unit: keyName(1, 20),
  reissue: z._default(z.boolean(), false),
}));

export const CodeStatusQuery = pure(() => z.object({ purposeId: Id }));

export const ExchangeCodeBody = pure(() => z.object({
  code: z.string().check(z.trim(), z.minLength(1), z.maxLength(40)),
  /** From the QR link; lets a compound's wrong tries be counted together. */
  compoundId: z.optional(Id),
}));
export type ExchangeCodeBody = z.infer<typeof ExchangeCodeBody>;

export interface Letter { building: string; unit: string; code: string }
