// The messages of appeals. The 12345 work order is our own contract (no national standard
// exists for a hotline platform's push): published in the API description, versioned by
// `schema`, and checked here by the webhook, the local 12345 platform and the tests alike.
import * as z from 'zod/mini';
import '../zod-en.ts';
import { name, text } from '../text.ts';
import { isValidPhone } from '../privacy.ts';
import { APPEAL_TYPES } from './types.ts';

const pure = /* @__NO_SIDE_EFFECTS__ */ <T>(build: () => T): T => build();

const Instant = pure(() => z.iso.datetime({ offset: true }));
const Phone = pure(() => z.string().check(z.maxLength(30), z.refine(isValidPhone, 'an 11-digit mobile or a landline like 0532-88886666')));

/**
 * One 12345 work order (工单), as the platform pushes it. The same `orderNo` and `revision` sent
 * again is the same order; a higher revision updates the case; a lower one never overwrites.
 */
export const WorkOrder = pure(() => z.object({
  schema: z.literal('gongzhi.12345.work-order/1'),
  /** 工单编号: the platform's id, unique within the district's platform. */
  orderNo: z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9-]{5,39}$/, '6 to 40 letters, digits and -')),
  revision: z.number().check(z.int(), z.minimum(1), z.maximum(10_000)),
  /** 受理时间 at the platform. */
  receivedAt: Instant,
  /** 诉求类型: consult 咨询, help 求助, complaint 投诉, report 举报, suggestion 建议. */
  type: z.enum(APPEAL_TYPES),
  /** The platform's category, mapped to the district's routing table (unknown ones go to the dispatcher). */
  category: name(1, 40),
  content: text(1, 4000),
  address: z._default(text(0, 200), ''),
  callerPhone: Phone,
  /** A unit the platform requires (its own code), if it names one. */
  requiredUnit: z.optional(name(1, 60)),
  urgency: z._default(z.enum(['normal', 'urgent']), 'normal'),
  /** An enterprise's appeal, under Qingdao's 2115 limits. */
  enterprise: z._default(z.boolean(), false),
  /** The platform's own deadline, when it sets one; the district's limits apply otherwise. */
  platformDeadline: z.optional(Instant),
}));
export type WorkOrder = z.infer<typeof WorkOrder>;

/** Largest work order the webhook reads, in bytes: a 4,000-character text is about 12 KB in UTF-8. */
export const MAX_WORK_ORDER_BYTES = 24_576;
