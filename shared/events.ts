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
