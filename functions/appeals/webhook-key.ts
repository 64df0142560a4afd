// The key the district's 12345 platform signs work orders with, kept in the keys table beside
// the household-code key (only the functions that need it may read that table). Created on
// first use; the district admin rotates it, and the key it replaces stays valid for a day so
// the platform can switch without losing orders.
import { randomBytes } from 'node:crypto';
import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { Principal } from '../../shared/access.ts';
import { Conflict } from '../../shared/errors.ts';
import { ddb } from '../lib/clients.ts';
import { auditPut } from '../lib/audit.ts';
import { keysTable } from '../auth/secrets.ts';

const PK = 'WEBHOOK_12345';
export const ROTATION_GRACE_MS = 24 * 3_600_000;
const TTL_MS = 60_000;

interface Stored { key: string; rev: number; createdAt: string; previous?: string; previousUntil?: string }

const newKey = () => randomBytes(32).toString('base64url');

async function load(): Promise<Stored> {
  const Key = { pk: PK, sk: 'v1' };
  const found = (await ddb.send(new GetCommand({ TableName: keysTable(), Key, ConsistentRead: true }))).Item as Stored | undefined;
  if (found) return found;
  const first: Stored = { key: newKey(), rev: 1, createdAt: new Date().toISOString() };
  try {
    await ddb.send(new PutCommand({ TableName: keysTable(), Item: { ...Key, ...first }, ConditionExpression: 'attribute_not_exists(pk)' }));
    return first;
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    return (await ddb.send(new GetCommand({ TableName: keysTable(), Key, ConsistentRead: true }))).Item as Stored;
  }
}

let cache: { at: number; value: Promise<Stored> } | undefined;

/** The keys a signature may be made with now: the current one, and the one it replaced for a day. */
export async function webhookKeys(fresh = false, now = Date.now()): Promise<string[]> {
  if (fresh || !cache || Date.now() - cache.at > TTL_MS) {
    const value = load();
    cache = { at: Date.now(), value };
    value.catch(() => (cache = undefined));
  }
  const s = await cache.value;
  return s.previous && s.previousUntil && now < Date.parse(s.previousUntil) ? [s.key, s.previous] : [s.key];
}

/** A new key, shown once to the admin who asked; the old one signs for a day more. */
export async function rotateWebhookKey(principal: Principal): Promise<{ key: string; rev: number; previousValidUntil: string }> {
  const current = await load();
  const now = new Date();
  const next: Stored = { key: newKey(), rev: current.rev + 1, createdAt: now.toISOString(), previous: current.key, previousUntil: new Date(now.getTime() + ROTATION_GRACE_MS).toISOString() };
  // Two tables, so two writes: the audit entry first, then the key under its revision. A
  // failure between them leaves an audit entry of a rotation that did not happen, never a
  // rotation without one.
  await ddb.send(new TransactWriteCommand({ TransactItems: [auditPut(principal, { action: 'appeals.webhook-key.rotate', target: 'appeals:webhook-key', after: { rev: next.rev } })] }));
  try {
    await ddb.send(new PutCommand({ TableName: keysTable(), Item: { pk: PK, sk: 'v1', ...next }, ConditionExpression: 'rev = :rev', ExpressionAttributeValues: { ':rev': current.rev } }));
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) {
      throw new Conflict('Someone else rotated the key at the same moment; ask them for it or rotate again', 'stale_revision');
    }
    throw error;
  }
  cache = undefined;
  return { key: next.key, rev: next.rev, previousValidUntil: next.previousUntil! };
}
