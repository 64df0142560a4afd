// Sliding-window counters in the table (with TTL), for abuse of guessable things such as
// household codes. A window's count is estimated from the current fixed window and the share
// of the previous one that still overlaps it, so no boundary lets twice the limit through.
// A slot is taken with a conditional ADD (concurrent tries cannot slip past the limit) and
// given back when the try turns out to be fine: only failures count.
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DomainError } from '../../shared/errors.ts';
import { ddb, tableName } from './clients.ts';

export interface Limit { name: string; key: string; max: number; windowSeconds: number }

export class TooManyRequests extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, 'too_many_attempts', `Too many attempts; try again in ${Math.max(1, Math.ceil(retryAfterSeconds / 60))} minutes`);
    this.headers = { 'retry-after': String(retryAfterSeconds) };
  }
}

interface Windows {
  current: { pk: string; sk: string };
  previous: { pk: string; sk: string };
  /** How much of the previous window still lies inside the sliding window (1 at the start of the current one, 0 at its end). */
  overlap: number;
  ttl: number;
  secondsLeft: number;
}

function windowsOf(limit: Limit, now: number): Windows {
  const seconds = now / 1000;
  const start = Math.floor(seconds / limit.windowSeconds) * limit.windowSeconds;
  const pk = `RATE#${limit.name}#${limit.key}`;
  return {
    current: { pk, sk: String(start) },
    previous: { pk, sk: String(start - limit.windowSeconds) },
    overlap: 1 - (seconds - start) / limit.windowSeconds,
    ttl: start + limit.windowSeconds * 3,
    secondsLeft: Math.max(1, Math.ceil(start + limit.windowSeconds - seconds)),
  };
}

async function countAt(key: { pk: string; sk: string }): Promise<number> {
  const { Item } = await ddb.send(new GetCommand({ TableName: tableName(), Key: key }));
  return Number(Item?.n ?? 0);
}

/** The pure rule: how many more the current window may take, given the previous window's count. */
export function allowedInCurrent(max: number, previousCount: number, overlap: number): number {
  return max - Math.ceil(previousCount * overlap);
}

/**
 * Takes one slot of the sliding window, or throws 429 when it is full. Call `giveBack` when
 * the try succeeded, so that only failures count.
 */
export async function take(limit: Limit, now = Date.now()): Promise<{ giveBack(): Promise<void> }> {
  const w = windowsOf(limit, now);
  const allowed = allowedInCurrent(limit.max, await countAt(w.previous), w.overlap);
  if (allowed <= 0) throw new TooManyRequests(w.secondsLeft);
  try {
    await ddb.send(new UpdateCommand({
      TableName: tableName(), Key: w.current,
      UpdateExpression: 'ADD n :one SET #ttl = :ttl',
      ConditionExpression: 'attribute_not_exists(n) OR n < :allowed',
      ExpressionAttributeNames: { '#ttl': 'ttl' },
      ExpressionAttributeValues: { ':one': 1, ':allowed': allowed, ':ttl': w.ttl },
    }));
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new TooManyRequests(w.secondsLeft);
    throw error;
  }
  return {
    giveBack: async () => {
      await ddb.send(new UpdateCommand({ TableName: tableName(), Key: w.current, UpdateExpression: 'ADD n :minus', ExpressionAttributeValues: { ':minus': -1 } }));
    },
  };
}

/** Counts one event without any limit, and says how many the sliding window now holds (for alarms). */
export async function count(limit: Omit<Limit, 'max'>, now = Date.now()): Promise<number> {
  const w = windowsOf({ ...limit, max: 0 }, now);
  const [previous, { Attributes }] = await Promise.all([
    countAt(w.previous),
    ddb.send(new UpdateCommand({
      TableName: tableName(), Key: w.current, UpdateExpression: 'ADD n :one SET #ttl = :ttl',
      ExpressionAttributeNames: { '#ttl': 'ttl' }, ExpressionAttributeValues: { ':one': 1, ':ttl': w.ttl }, ReturnValues: 'UPDATED_NEW',
    })),
  ]);
  return Number(Attributes?.n ?? 1) + Math.ceil(previous * w.overlap);
}
