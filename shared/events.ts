// Messages that queues carry. Each is about a stored record; the record stays the source of
// truth. Versioned so a consumer can be tested against every version a producer emits.
import * as z from 'zod/mini';
import './zod-en.ts';

// Each schema is built through `pure`, marked free of side effects, so that a function's
// bundle leaves out (and so never builds at cold start) the schemas its own route does not
// use. esbuild honours the mark only in the file that declares it: one such line per module.
const pure = /* @__NO_SIDE_EFFECTS__ */ <T>(build: () => T): T => build();

export const RegisterCommitted = pure(() => z.object({
  type: z.literal('register.committed'),
  v: z.literal(1),
  eventId: z.string().check(z.minLength(1)),
  compoundId: z.string().check(z.minLength(1)),
  version: z.number().check(z.int(), z.minimum(1)),
}));
export type RegisterCommitted = z.infer<typeof RegisterCommitted>;

/** A household's rating was stored, excluded or put back: the consumer re-reads the record. */
export const RatingChanged = pure(() => z.object({
  type: z.enum(['rating.submitted', 'rating.excluded', 'rating.reinstated']),
  v: z.literal(1),
  eventId: z.string().check(z.minLength(1)),
  campaignId: z.string().check(z.minLength(1)),
  compoundId: z.string().check(z.minLength(1)),
  building: z.string().check(z.minLength(1)),
  unit: z.string().check(z.minLength(1)),
}));
export type RatingChanged = z.infer<typeof RatingChanged>;

/** A step of an appeal was stored (rev is the case's revision after it): consumers re-read the case. */
export const AppealChanged = pure(() => z.object({
  type: z.literal('appeal.step'),
  v: z.literal(1),
  eventId: z.string().check(z.minLength(1)),
  caseId: z.string().check(z.minLength(1)),
  rev: z.number().check(z.int(), z.minimum(1)),
  kind: z.string().check(z.minLength(1)),
}));
export type AppealChanged = z.infer<typeof AppealChanged>;

/** One message to the 12345 platform, on its way out (functions/appeals/send-feedback.ts). */
export const FeedbackQueued = pure(() => z.object({
  type: z.literal('appeal.feedback'),
  v: z.literal(1),
  eventId: z.string().check(z.minLength(1)),
  caseId: z.string().check(z.minLength(1)),
  payload: z.record(z.string(), z.unknown()),
}));
export type FeedbackQueued = z.infer<typeof FeedbackQueued>;

/** A community's evaluation of a department was stored, set aside or put back: the consumer re-reads the record. */
export const EvaluationChanged = pure(() => z.object({
  type: z.enum(['evaluation.submitted', 'evaluation.excluded', 'evaluation.reinstated']),
  v: z.literal(1),
  eventId: z.string().check(z.minLength(1)),
  roundId: z.string().check(z.minLength(1)),
  communityId: z.string().check(z.minLength(1)),
  departmentId: z.string().check(z.minLength(1)),
}));
export type EvaluationChanged = z.infer<typeof EvaluationChanged>;
