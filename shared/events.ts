// Messages that queues carry. Each is about a stored record; the record stays the source of
// truth. Versioned so a consumer can be tested against every version a producer emits.
import * as z from 'zod';

export const RegisterCommitted = z.object({
  type: z.literal('register.committed'),
  v: z.literal(1),
  eventId: z.string().min(1),
  compoundId: z.string().min(1),
  version: z.number().int().min(1),
});
export type RegisterCommitted = z.infer<typeof RegisterCommitted>;

/** A household's rating was stored, excluded or put back: the consumer re-reads the record. */
export const RatingChanged = z.object({
  type: z.enum(['rating.submitted', 'rating.excluded', 'rating.reinstated']),
  v: z.literal(1),
  eventId: z.string().min(1),
  campaignId: z.string().min(1),
  compoundId: z.string().min(1),
  building: z.string().min(1),
  unit: z.string().min(1),
});
export type RatingChanged = z.infer<typeof RatingChanged>;
