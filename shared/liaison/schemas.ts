// The messages of leader liaison (包联): district leaders' visits to their paired communities and
// the matters escalated to them (顶格协调), linked to the appeal when one came from it.
import * as z from 'zod/mini';
import '../zod-en.ts';
import { text } from '../text.ts';

const pure = /* @__NO_SIDE_EFFECTS__ */ <T>(build: () => T): T => build();
const Id = pure(() => z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{1,47}$/, 'lowercase letters, digits and -, 2 to 48 characters')));

export const VISIT_KINDS = ['policy', 'research', 'petition', 'office'] as const;
export const LiaisonCommunityParams = pure(() => z.object({ communityId: Id }));
export const EscalationParams = pure(() => z.object({ communityId: Id, escalationId: z.string().check(z.regex(/^[0-9a-z]{9}[0-9a-f]{16}$/, 'a record number')) }));

/** A leader's visit: policy talk (政策宣讲), research (调研), petition reception (接访), on-site office (现场办公). */
export const VisitBody = pure(() => z.object({
  leaderId: Id,
  kind: z.enum(VISIT_KINDS),
  date: z.iso.date(),
  raised: text(4, 1000),
}));
export type VisitBody = z.infer<typeof VisitBody>;

/** A matter escalated to the paired leader (顶格协调), from an appeal case or not. */
export const EscalationBody = pure(() => z.object({
  leaderId: Id,
  matter: text(4, 1000),
  caseId: z.optional(z.string().check(z.regex(/^[0-9a-z]{9}[0-9a-f]{16}$/, 'a case number'))),
}));
export type EscalationBody = z.infer<typeof EscalationBody>;

export const OutcomeBody = pure(() => z.object({ settled: z.boolean(), outcome: text(4, 1000) }));
export type OutcomeBody = z.infer<typeof OutcomeBody>;

export const LiaisonMonthQuery = pure(() => z.object({ month: z.optional(z.string().check(z.regex(/^20\d\d-(0[1-9]|1[0-2])$/, 'a month such as 2026-12'))) }));
