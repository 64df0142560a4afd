// Fixed-window counters in the table (with TTL), for guessable things such as household
// codes. An atomic ADD with a condition means concurrent tries cannot slip past the limit.
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DomainError } from '../../shared/errors.ts';
import { ddb, tableName } from './clients.ts';

export interface Limit { name: string; key: string; max: number; windowSeconds: number }

export class TooManyRequests extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, 'too_many_attempts', `Too many attempts; try again in ${Math.ceil(retryAfterSeconds / 60)} minutes`);
    this.headers = { 'retry-after': String(retryAfterSeconds) };
  }
}

function window(limit: Limit, now: number) {
  const start = Math.floor(now / 1000 / limit.windowSeconds) * limit.windowSeconds;
  return { Key: { pk: `RATE#${limit.name}#${limit.key}`, sk: String(start) }, ttl: start + limit.windowSeconds * 2, retryAfter: start + limit.windowSeconds - Math.floor(now / 1000) };
}

/** Counts one use; throws 429 once the window's count has reached the limit. */
export async function take(limit: Limit, now = Date.now()): Promise<void> {
  const w = window(limit, now);
  try {
    await ddb.send(new UpdateCommand({
      TableName: tableName(),
      Key: w.Key,
      UpdateExpression: 'ADD n :one SET #ttl = :ttl',
      ConditionExpression: 'attribute_not_exists(n) OR n < :max',
      ExpressionAttributeNames: { '#ttl': 'ttl' },
      ExpressionAttributeValues: { ':one': 1, ':max': limit.max, ':ttl': w.ttl },
    }));
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new TooManyRequests(w.retryAfter);
    throw error;
  }
}

/** Throws 429 if the window is already full, without counting. */
export async function check(limit: Limit, now = Date.now()): Promise<void> {
  const w = window(limit, now);
  const { Item } = await ddb.send(new GetCommand({ TableName: tableName(), Key: w.Key }));
  if (Item && Number(Item.n) >= limit.max) throw new TooManyRequests(w.retryAfter);
}
