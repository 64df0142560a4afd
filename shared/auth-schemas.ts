// Messages of the access capability: household codes and their exchange.
import * as z from 'zod';
import { PURPOSE_KINDS } from './access.ts';
import { Id } from './registry/schemas.ts';
import { keyName, name } from './text.ts';

export const PurposeSchema = z.object({
  kind: z.enum(PURPOSE_KINDS),
  id: Id,
  /** Shown on the letter, e.g. 2026年下半年物业服务评价. */
  title: name(2, 60),
});

export const IssueCodesBody = z.object({
  purpose: PurposeSchema,
  expiresAt: z.iso.datetime({ offset: true }).refine((d) => Date.parse(d) > Date.now(), 'must be in the future'),
  /** 'missing': only units without a live code for this purpose; 'all' also replaces live ones. */
  units: z.enum(['missing', 'all']).default('missing'),
});
export type IssueCodesBody = z.infer<typeof IssueCodesBody>;

export const RevokeCodeBody = z.object({
  purposeId: Id,
  building: keyName(1, 20),
  unit: keyName(1, 20),
  reissue: z.boolean().default(false),
});

export const CodeStatusQuery = z.object({ purposeId: Id });

export const ExchangeCodeBody = z.object({
  code: z.string().trim().min(1).max(40),
  /** From the QR link; lets a compound's wrong tries be counted together. */
  compoundId: Id.optional(),
});
export type ExchangeCodeBody = z.infer<typeof ExchangeCodeBody>;

export interface Letter { building: string; unit: string; code: string }
