// The one message an owner sends from a phone: their choices. zod/mini keeps the ballot page
// small; the handler and the tests use this same schema.
import * as z from 'zod/mini';

// Each schema is built through `pure`, marked free of side effects, so that a function's
// bundle leaves out (and so never builds at cold start) the schemas its own route does not
// use. esbuild honours the mark only in the file that declares it: one such line per module.
const pure = /* @__NO_SIDE_EFFECTS__ */ <T>(build: () => T): T => build();

export const BallotSubmissionBody = pure(() => z.object({
  /** Made once per draft on the phone; a retry with the same key gets the same receipt. */
  idempotencyKey: z.string().check(z.regex(/^[A-Za-z0-9_-]{16,64}$/, '16 to 64 letters, digits, - or _')),
  /** Matter id -> choice; a matter left out is left blank (the owner does not take part in it). */
  choices: z.record(z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,23}$/, 'a matter id')), z.enum(['agree', 'disagree', 'abstain'])),
}));
export type BallotSubmissionBody = z.infer<typeof BallotSubmissionBody>;

/** What the owner keeps: the code to find their choices on the bulletin after close. */
export interface BallotReceipt {
  receipt: string;
  recordedAt: string;
  ballotTitle: string;
  compoundName: string;
  choices: Record<string, 'agree' | 'disagree' | 'abstain'>;
}
