// The one place where the system is wired. The CDK stack (infra/) and the local district
// (infra/local/) are both generated from this file: every HTTP route (routes.ts, gathered
// here) and every queue.
import type * as z from 'zod/mini';
import type { Access } from '../shared/access.ts';
import { RatingChanged, RegisterCommitted } from '../shared/events.ts';
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
  /** Largest accepted body in bytes (before JSON parsing). */
  maxBodyBytes?: number;
  access: Access;
  /** Staff writes are recorded in the audit trail by the handler's transaction. */
  writes?: boolean;
  /** Needs the key material (code HMAC, resident signing key): only these may read that table. */
  keys?: boolean;
  timeoutSeconds?: number;
  memoryMb?: number;
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
} satisfies Record<string, QueueDef>;

export type QueueName = (typeof queues)[keyof typeof queues]['name'];

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
