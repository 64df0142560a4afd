// The messages of the quarterly assessment of communities. One schema per message.
import * as z from 'zod/mini';
import '../zod-en.ts';
import { name, text } from '../text.ts';

const pure = /* @__NO_SIDE_EFFECTS__ */ <T>(build: () => T): T => build();
const Id = pure(() => z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{1,47}$/, 'lowercase letters, digits and -, 2 to 48 characters')));
const Code = pure(() => z.string().check(z.regex(/^[a-z][a-z0-9]{1,23}$/, 'lowercase letters and digits, 2 to 24 characters')));
const Quarter = pure(() => z.string().check(z.regex(/^20\d\d-Q[1-4]$/, 'a quarter such as 2026-Q4')));

export const QuarterParams = pure(() => z.object({ quarter: Quarter }));
export const QuarterCommunityParams = pure(() => z.object({ quarter: Quarter, communityId: Id }));
export const YearCommunityParams = pure(() => z.object({ year: z.string().check(z.regex(/^20\d\d$/, 'a year such as 2027')), communityId: Id }));
export const CommunityParams = pure(() => z.object({ communityId: Id }));
export const YearQuery = pure(() => z.object({ year: z.optional(z.string().check(z.regex(/^20\d\d$/, 'a year such as 2027'))) }));

/** A community's class for a year, with the reason for the change (精准画像). */
export const ClassBody = pure(() => z.object({ class: name(1, 10), reason: text(4, 300), rev: z.number().check(z.int(), z.minimum(0)) }));
export type ClassBody = z.infer<typeof ClassBody>;

/** The organisation department's entries for the indicators no record gives, each with its evidence. */
export const EntryBody = pure(() => z.object({
  rev: z.number().check(z.int(), z.minimum(0)),
  /** null clears an indicator's entry: it then counts as not entered. */
  values: z.record(Code, z.nullable(z.object({ value: z.number().check(z.int(), z.minimum(0), z.maximum(100_000)), evidence: text(2, 300) }))),
  /** Required once the quarter is frozen: the entry then feeds a correction. */
  correctionReason: z.optional(text(4, 300)),
}));
export type EntryBody = z.infer<typeof EntryBody>;

/** A community's scores (0–100) for the other communities of its class at the quarterly exchange. */
export const ReviewBody = pure(() => z.object({ scores: z.record(Id, z.number().check(z.int(), z.minimum(0), z.maximum(100))) }));
export type ReviewBody = z.infer<typeof ReviewBody>;

export const FreezeQuarterBody = pure(() => z.object({ reason: z.optional(text(4, 500)) }));
export const ResultsQuery = pure(() => z.object({ version: z.optional(z.coerce.number().check(z.int(), z.minimum(1))), format: z.optional(z.enum(['json', 'csv'])), class: z.optional(name(1, 10)) }));

export const ASSIGNEE_KINDS = ['leader', 'department', 'street'] as const;
/** A problem the quarter found, given to the community's paired leader, a department or the street cadre. */
export const TaskBody = pure(() => z.object({
  quarter: Quarter,
  communityId: Id,
  indicator: z.optional(Code),
  text: text(4, 500),
  assignee: z.object({ kind: z.enum(ASSIGNEE_KINDS), id: Id }),
  dueOn: z.iso.date(),
}));
export type TaskBody = z.infer<typeof TaskBody>;
export const TaskParams = pure(() => z.object({ taskId: z.string().check(z.regex(/^[0-9a-z]{9}[0-9a-f]{16}$/, 'a task number')) }));
export const TaskStateBody = pure(() => z.object({ state: z.enum(['open', 'done']), note: text(2, 500) }));
export type TaskStateBody = z.infer<typeof TaskStateBody>;
