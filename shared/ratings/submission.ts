// The one message a resident sends: their answers. Written with zod's small build
// (`zod/mini`) because the rating page must stay under 40 KB on a slow phone; the handler
// and the tests use this same schema.
import * as z from 'zod/mini';
import { text } from '../text.ts';
import { CONTRACT_ANSWERS, OVERALL_ANSWERS } from './questionnaire.ts';

// Each schema is built through `pure`, marked free of side effects, so that a function's
// bundle leaves out (and so never builds at cold start) the schemas its own route does not
// use. esbuild honours the mark only in the file that declares it: one such line per module.
const pure = /* @__NO_SIDE_EFFECTS__ */ <T>(build: () => T): T => build();

export const SUGGESTION_LIMIT = 500;

export const RatingSubmissionBody = pure(() => z.object({
  /** Made once per draft on the phone; a retry with the same key gets the same receipt. */
  idempotencyKey: z.string().check(z.regex(/^[A-Za-z0-9_-]{16,64}$/, '16 to 64 letters, digits, - or _')),
  /** The questionnaire revision the form showed; a changed questionnaire is refused. */
  questionsRev: z.number().check(z.int(), z.minimum(1)),
  contract: z.array(z.enum(CONTRACT_ANSWERS)).check(z.maxLength(40)),
  scores: z.record(z.string().check(z.regex(/^[a-z][a-z0-9-]{0,23}$/, 'a dimension id')), z.number().check(z.int(), z.minimum(1, 'from 1'), z.maximum(5, 'to 5'))),
  overall: z.enum(OVERALL_ANSWERS),
  suggestion: z.optional(text(0, SUGGESTION_LIMIT, { max: `at most ${SUGGESTION_LIMIT} characters` })),
}));
export type RatingSubmissionBody = z.infer<typeof RatingSubmissionBody>;

/** What the household keeps: shown after a submit, and again for a retry or a reload. */
export interface RatingReceipt {
  receiptId: string;
  submittedAt: string;
  campaignTitle: string;
  compoundName: string;
  building: string;
  unit: string;
}
