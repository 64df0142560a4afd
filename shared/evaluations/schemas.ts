// The messages of pairings (departments and leaders paired with communities) and of the
// half-yearly evaluation of departments by communities. One schema per message: the pages,
// the handlers and the tests use these.
import * as z from 'zod/mini';
import '../zod-en.ts';
import { name, text } from '../text.ts';

const pure = /* @__NO_SIDE_EFFECTS__ */ <T>(build: () => T): T => build();

// Registry ids (lowercase letters, digits, -), as shared/registry/schemas.ts.
const Id = pure(() => z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{1,47}$/, 'lowercase letters, digits and -, 2 to 48 characters')));
const Instant = pure(() => z.iso.datetime({ offset: true }));

export const LeaderParams = pure(() => z.object({ leaderId: Id }));
/** A district leader (区级领导) who is paired with communities (包联). */
export const LeaderBody = pure(() => z.object({
  name: name(2, 20),
  /** 职务, e.g. 区委常委、组织部部长. */
  title: name(2, 40),
}));
export type LeaderBody = z.infer<typeof LeaderBody>;

export const CommunityParams = pure(() => z.object({ communityId: Id }));
/** Which departments and which leaders a community is paired with; `rev` is the revision the editor read (0 before the first save). */
export const PairingBody = pure(() => z.object({
  rev: z.number().check(z.int(), z.minimum(0)),
  departmentIds: z.array(Id).check(z.maxLength(20)),
  leaderIds: z.array(Id).check(z.maxLength(5)),
}));
export type PairingBody = z.infer<typeof PairingBody>;

export const CriterionCode = pure(() => z.string().check(z.regex(/^[a-z][a-z0-9]{1,23}$/, 'lowercase letters and digits, 2 to 24 characters')));
export const Criterion = pure(() => z.object({ code: CriterionCode, name: name(2, 20), nameEn: z.optional(name(2, 40)) }));
export type Criterion = z.infer<typeof Criterion>;

export const RoundParams = pure(() => z.object({ roundId: Id }));
/** Opens a half-yearly round: the pairs in force now are the ones rated, whatever changes later. */
export const RoundBody = pure(() => z.object({
  title: name(4, 60),
  /** 2026-H1 or 2026-H2. */
  period: z.string().check(z.regex(/^20\d\d-H[12]$/, 'a half-year such as 2026-H2')),
  opensAt: Instant,
  closesAt: Instant,
  /** The district's criteria when omitted (shared/evaluations/criteria.ts). */
  criteria: z.optional(z.array(Criterion).check(z.minLength(1), z.maxLength(8))),
}));
export type RoundBody = z.infer<typeof RoundBody>;

/** A community's evaluation of one paired department: every criterion 1–5, and a comment to the department. */
export const EvaluationBody = pure(() => z.object({
  departmentId: Id,
  scores: z.record(CriterionCode, z.number().check(z.int(), z.minimum(1), z.maximum(5))),
  comment: z._default(text(0, 500), ''),
  /** The page's key for this submission: sent again after a lost answer, it gets the stored one back. */
  idempotencyKey: z.string().check(z.regex(/^[A-Za-z0-9_-]{16,64}$/, '16 to 64 letters, digits, _ or -')),
}));
export type EvaluationBody = z.infer<typeof EvaluationBody>;

export const PairParams = pure(() => z.object({ roundId: Id, communityId: Id, departmentId: Id }));
/** The organisation department sets an evaluation aside (or back), with its reason; a published ranking then needs a correction. */
export const ExclusionBody = pure(() => z.object({ exclude: z.boolean(), reason: text(4, 300) }));
export type ExclusionBody = z.infer<typeof ExclusionBody>;

/** The first publication needs no reason; each correction after it does. */
export const PublishRoundBody = pure(() => z.object({ reason: z.optional(text(4, 500)) }));
export type PublishRoundBody = z.infer<typeof PublishRoundBody>;

export const RankingQuery = pure(() => z.object({ version: z.optional(z.coerce.number().check(z.int(), z.minimum(1))), format: z.optional(z.enum(['json', 'csv'])) }));

export const DepartmentParams = pure(() => z.object({ departmentId: Id }));
