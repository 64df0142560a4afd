// The one place where the system is wired. The CDK stack (infra/) and the local district
// (infra/local/) are both generated from this file: every HTTP route (routes.ts, gathered
// here) and every queue.
import type * as z from 'zod/mini';
import type { Access } from '../shared/access.ts';
import { AppealChanged, EvaluationChanged, FeedbackQueued, RatingChanged, RegisterCommitted } from '../shared/events.ts';
import * as routes from './routes.ts';

/** A zod schema. All of ours are built with `zod/mini`, so that no bundle carries the full build. */
export type Schema = z.core.$ZodType;

export interface RouteDef<P extends Schema = Schema, Q extends Schema = Schema, B extends Schema = Schema> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  /** Module under functions/, without extension; it exports `handler`. */
  handler: string;
  params?: P;
  query?: Q;
  body?: B;
  /**
   * The handler gets the body as the raw string (a signed webhook checks the signature over the
   * exact bytes before reading them); `body` then only describes it, for the API description.
   */
  rawBody?: boolean;
  /** Largest accepted body in bytes (before JSON parsing). */
  maxBodyBytes?: number;
  access: Access;
  /** Staff writes are recorded in the audit trail by the handler's transaction. */
  writes?: boolean;
  /** Needs the key material (code HMAC, resident signing key): only these may read that table. */
  keys?: boolean;
  timeoutSeconds?: number;
  memoryMb?: number;
  /**
   * The photo bucket (functions/photos/bucket.ts): sign upload forms for incoming/, check
   * uploads and keep them on a shelf (an appeal's under cases/, staff evidence under
   * evidence/), or link the kept ones of a shelf for viewing.
   */
  photos?: { use: 'upload' } | { use: 'keep' | 'view'; shelf: 'cases' | 'evidence' };
}

export interface QueueDef {
  name: string;
  fifo: boolean;
  /** Module under functions/ that exports `handler` for SQS batches. */
  consumer: string;
  message: Schema;
  batchSize: number;
  maxReceiveCount: number;
  visibilityTimeoutSeconds: number;
  /** Queues the consumer sends to itself (beyond the relay's outbox events). */
  sendsTo?: string[];
  /** Reads the key material (the 12345 webhook key, to sign what it sends). */
  keys?: boolean;
}

export interface ScheduleDef {
  /** Module under functions/ that exports `handler`. */
  handler: string;
  everyMinutes: number;
  timeoutSeconds: number;
}

/** Every HTTP route, by name. Defined in routes.ts, one export each, so that a function's bundle holds only its own route's schemas. */
export { routes };

export const queues = {
  registerEvents: {
    name: 'register-events',
    fifo: false,
    consumer: 'registry/on-register-committed',
    message: RegisterCommitted,
    batchSize: 10,
    maxReceiveCount: 5,
    visibilityTimeoutSeconds: 60,
  },
  ratingEvents: {
    name: 'rating-events',
    fifo: false,
    consumer: 'ratings/on-rating-event',
    message: RatingChanged,
    // Large batches: the consumer writes one transaction per compound per batch.
    batchSize: 100,
    maxReceiveCount: 5,
    visibilityTimeoutSeconds: 60,
  },
  // Grouped by case: one case's steps are handled in order, different cases in parallel.
  appealEvents: {
    name: 'appeal-events',
    fifo: true,
    consumer: 'appeals/on-appeal-event',
    message: AppealChanged,
    batchSize: 10,
    maxReceiveCount: 5,
    visibilityTimeoutSeconds: 60,
    sendsTo: ['platform-feedback'],
  },
  // To the 12345 platform, grouped by case so a reply never overtakes its acceptance; a failed
  // send comes back after a growing delay (functions/appeals/send-feedback.ts) and, after the
  // last try, waits in the DLQ for an operator.
  platformFeedback: {
    name: 'platform-feedback',
    fifo: true,
    consumer: 'appeals/send-feedback',
    message: FeedbackQueued,
    batchSize: 10,
    maxReceiveCount: 15,
    visibilityTimeoutSeconds: 30,
    keys: true,
  },
  // A department's live figures in an evaluation round (functions/evaluations/live-store.ts).
  evaluationEvents: {
    name: 'evaluation-events',
    fifo: false,
    consumer: 'evaluations/on-evaluation-event',
    message: EvaluationChanged,
    // Large batches: the consumer writes one update per department per batch.
    batchSize: 100,
    maxReceiveCount: 5,
    visibilityTimeoutSeconds: 60,
  },
} satisfies Record<string, QueueDef>;

export type QueueName = (typeof queues)[keyof typeof queues]['name'];

/** Functions run on a clock: EventBridge rules on AWS, timers in the local district. */
export const schedules = {
  appealSweep: { handler: 'appeals/sweep', everyMinutes: 1, timeoutSeconds: 50 },
} satisfies Record<string, ScheduleDef>;

/** Functions that Cognito calls: every staff sign-in is audited. */
export const triggers = { postAuthentication: { handler: 'auth/post-authentication' } } as const;

/** The stream relay moves outbox items to these queues (DESIGN.md, data rules). */
export const streamRelay = { handler: 'relay/stream-relay', batchSize: 50, retryAttempts: 10 } as const;

/**
 * In the order of their names (a module namespace's); no two routes match one path, so the
 * order does not matter. Marked pure: a bundle that imports the manifest only for `queues`
 * leaves every route out.
 */
export const allRoutes: RouteDef[] = /* @__PURE__ */ Object.values(routes satisfies Record<string, RouteDef>);
export const allQueues: QueueDef[] = /* @__PURE__ */ Object.values(queues);
export const allSchedules: ScheduleDef[] = /* @__PURE__ */ Object.values(schedules);
