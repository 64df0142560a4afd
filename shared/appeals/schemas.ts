// The messages of appeals. The 12345 work order is our own contract (no national standard
// exists for a hotline platform's push): published in the API description, versioned by
// `schema`, and checked here by the webhook, the local 12345 platform and the tests alike.
import { MAX_PHOTOS, PHOTO_TYPES } from '../photos.ts';
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

/** Largest work order the webhook reads, in bytes: 4,000 characters and a 200-character address written as \\u escapes (Python's default) are about 25 KB. */
export const MAX_WORK_ORDER_BYTES = 32_768;

// Registry ids (lowercase letters, digits, -), as shared/registry/schemas.ts; repeated here so
// that an appeals bundle does not carry the registry's schemas.
const Id = pure(() => z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{1,47}$/, 'lowercase letters, digits and -, 2 to 48 characters')));

/** Case ids are ours (time-ordered, 25 characters); anything else names no case. */
export const CaseParams = pure(() => z.object({ caseId: z.string().check(z.regex(/^[0-9a-z]{9}[0-9a-f]{16}$/, 'a case number')) }));

export const UNIT_KINDS = ['community', 'street', 'department'] as const;
export const Unit = pure(() => z.object({ kind: z.enum(UNIT_KINDS), id: Id }));

const Reason = pure(() => text(2, 500));

/**
 * One step of a case, as a handler or the hotline centre takes it. The kinds and their rules
 * are shared/appeals/lifecycle.ts; who may take which is shared/appeals/permissions.ts.
 */
export const StepBody = pure(() => z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('dispatch'), unit: Unit, note: z.optional(text(0, 500)) }),
  z.object({ kind: z.literal('accept') }),
  z.object({ kind: z.literal('return'), reason: Reason }),
  z.object({ kind: z.literal('contact'), note: z.optional(text(0, 500)) }),
  z.object({ kind: z.literal('ask_extension'), days: z.number().check(z.int(), z.minimum(1), z.maximum(10)), reason: Reason }),
  z.object({ kind: z.literal('decide_extension'), approve: z.boolean(), note: z.optional(text(0, 500)) }),
  z.object({ kind: z.literal('reply'), reply: text(2, 2000) }),
  z.object({ kind: z.literal('follow_up'), solved: z.boolean(), satisfaction: z.enum(['satisfied', 'basic', 'dissatisfied']), note: z.optional(text(0, 500)) }),
  z.object({ kind: z.literal('close') }),
  z.object({ kind: z.literal('supervise'), escalate: z.boolean(), note: Reason }),
  z.object({ kind: z.literal('invalidate'), reason: Reason }),
  z.object({ kind: z.literal('merge'), into: z.string().check(z.regex(/^[0-9a-z]{9}[0-9a-f]{16}$/, 'a case number')) }),
]));
export type StepBody = z.infer<typeof StepBody>;
export type StepKind = StepBody['kind'];

/** The case's revision the person saw: a step taken on an older view is refused, not applied blind. */
export const StepRequest = pure(() => z.object({ rev: z.number().check(z.int(), z.minimum(1)), step: StepBody }));
export type StepRequest = z.infer<typeof StepRequest>;

export const DepartmentParams = pure(() => z.object({ departmentId: Id }));
export const DepartmentBody = pure(() => z.object({
  name: name(2, 60),
  /** The code the 12345 platform uses for this unit (a work order's requiredUnit), if any. */
  platformCode: z.optional(name(1, 60)),
  /** 职责: what the department covers, as communities read it when they pair with it. */
  duty: z.optional(text(0, 200)),
}));
export type DepartmentBody = z.infer<typeof DepartmentBody>;

const CategoryCode = pure(() => z.string().check(z.regex(/^[a-z][a-z0-9-]{1,31}$/, 'lowercase letters, digits and -, 2 to 32 characters')));

/** The district's catalogue of categories and the rule table that routes them (shared/appeals/routing.ts). */
export const RoutingBody = pure(() => z.object({
  categories: z.array(z.object({
    code: CategoryCode,
    name: name(2, 20),
    /** Names the 12345 platform uses for this category. */
    aliases: z._default(z.array(name(1, 40)).check(z.maxLength(20)), []),
  })).check(z.minLength(1), z.maxLength(100), z.refine((c) => new Set(c.map((x) => x.code)).size === c.length, 'category codes must be unique'), z.refine((c) => new Set(c.map((x) => x.name)).size === c.length, 'category names must be unique')),
  rules: z.array(z.object({
    category: z.union([CategoryCode, z.literal('*')]),
    place: z.optional(z.union([z.object({ compoundId: Id }), z.object({ communityId: Id }), z.object({ streetId: Id })])),
    unit: Unit,
  })).check(z.maxLength(2000)),
  /** The revision the table was read at (0 before the first save): a save over another's is refused. */
  rev: z.number().check(z.int('a whole number'), z.minimum(0, 'at least 0')),
}));
export type RoutingBody = z.infer<typeof RoutingBody>;

/** The hotline centre's queues: to dispatch (new and returned), extensions asked, replied and waiting for the call-back. */
export const CentreQuery = pure(() => z.object({ queue: z._default(z.enum(['dispatch', 'extension', 'follow_up']), 'dispatch') }));

// 三率 reports: a month ("2026-10"), a quarter ("2026-Q4") or a half-year ("2026-H2").
const Month = pure(() => z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM')));
export const PeriodParams = pure(() => z.object({ period: z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2]|Q[1-4]|H[12])$/, 'a month (YYYY-MM), a quarter (YYYY-Q1…Q4) or a half-year (YYYY-H1, H2)')) }));
export const ReportQuery = pure(() => z.object({
  version: z.optional(z.coerce.number().check(z.int('a whole number'), z.positive('from 1'), z.lte(9999))),
  format: z._default(z.enum(['json', 'csv']), 'json'),
}));
/** Freezing a month's report: the first version needs no reason; a correction must say why. */
export const FreezeReportBody = pure(() => z.object({ reason: z.optional(Reason) }));
export type FreezeReportBody = z.infer<typeof FreezeReportBody>;
export const MonthQuery = pure(() => z.object({ month: z.optional(Month) }));

export const FEEDBACK_KINDS = ['accepted', 'returned', 'extended', 'replied', 'closed', 'rejected', 'merged'] as const;

/**
 * What the district tells the 12345 platform about a work order, signed like the work orders
 * (same key and headers). `seq` grows with each message about one order: the platform keeps
 * the highest and may receive one twice.
 */
export const PlatformFeedback = pure(() => z.object({
  schema: z.literal('gongzhi.12345.feedback/1'),
  orderNo: z.string().check(z.minLength(1)),
  seq: z.number().check(z.int(), z.minimum(1)),
  kind: z.enum(FEEDBACK_KINDS),
  at: Instant,
  /** The handling unit's name (never a person's). */
  unit: z.optional(z.string()),
  reason: z.optional(z.string()),
  days: z.optional(z.number()),
  deadline: z.optional(Instant),
  reply: z.optional(z.string()),
  satisfaction: z.optional(z.enum(['satisfied', 'basic', 'dissatisfied'])),
  /** merged: the work order handled under another (its 工单编号 when that came from the platform too). */
  mergedInto: z.optional(z.object({ caseId: z.string(), orderNo: z.optional(z.string()) })),
}));
export type PlatformFeedback = z.infer<typeof PlatformFeedback>;

/**
 * A community's report (grid workers are community staff here): a compound's problem straight to
 * its street (小区要情直通街道), or community work straight to the district, where the hotline
 * centre routes it with the community's paired district leader (社区工作直报区级, 顶格协调).
 */
export const StaffReportBody = pure(() => z.object({
  category: CategoryCode,
  content: text(10, 2000),
  to: z.enum(['street', 'district']),
  urgency: z._default(z.enum(['normal', 'urgent']), 'normal'),
}));
export type StaffReportBody = z.infer<typeof StaffReportBody>;
export const CompoundParams = pure(() => z.object({ compoundId: Id }));

// Open311 GeoReport v2 (functions/open311): its parameters are checked by the handlers, which
// answer in Open311's own error shape; these only bound them.
export const Open311ResourceParams = pure(() => z.object({ resource: z.string().check(z.maxLength(300)) }));
export const Open311FileParams = pure(() => z.object({ file: z.string().check(z.maxLength(300)) }));
export const Open311Query = pure(() => z.record(z.string().check(z.maxLength(100)), z.string().check(z.maxLength(4000))));
/** A client the district admin gives an Open311 API key (a city app, a partner's platform). */
export const Open311KeyBody = pure(() => z.object({ name: name(2, 60) }));

/** A resident's appeal from the phone page: no account, a number to call back, the place picked or typed. */
export const ResidentAppealBody = pure(() => z.object({
  /** Made by the page once per appeal: a resend after a dropped connection is the same appeal. */
  idempotencyKey: z.string().check(z.regex(/^[a-f0-9]{16,40}$/, '16 to 40 hex characters')),
  phone: Phone,
  type: z._default(z.enum(APPEAL_TYPES), 'complaint'),
  category: CategoryCode,
  compoundId: z.optional(Id),
  address: z._default(text(0, 200), ''),
  content: text(10, 2000, { min: 'say what happened in at least 10 characters' }),
  /** How many photos the page uploaded with the forms of POST /api/public/appeals/photos (0 to 3). */
  photos: z._default(z.number().check(z.int('a whole number'), z.gte(0, 'at least 0'), z.lte(MAX_PHOTOS, `at most ${MAX_PHOTOS} photos`)), 0),
}).check(z.refine((b) => Boolean(b.compoundId) || b.address.length >= 4, { message: 'pick the compound or write the address (at least 4 characters)', path: ['address'] })));
export type ResidentAppealBody = z.infer<typeof ResidentAppealBody>;

/** Upload forms for an appeal's photos: the page's idempotency key and each photo's type. */
export const PhotoUploadBody = pure(() => z.object({
  idempotencyKey: z.string().check(z.regex(/^[a-f0-9]{16,40}$/, '16 to 40 hex characters')),
  types: z.array(z.enum(PHOTO_TYPES, 'a JPEG, PNG or WebP image')).check(z.minLength(1, 'at least one photo'), z.maxLength(MAX_PHOTOS, `at most ${MAX_PHOTOS} photos`)),
}));

export const TrackBody = pure(() => z.object({ code: z.string().check(z.minLength(1, 'enter the tracking code'), z.maxLength(30)) }));
