// Where a compound sits (community, street), for scope checks. Cached briefly per container:
// a compound rarely moves, and a stale minute only delays, never widens, a scope change
// because the write path re-reads the item inside its own condition.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Ancestry } from '../../shared/access.ts';
import { ddb, tableName } from './clients.ts';
import { keys } from './keys.ts';

const cache = new Map<string, { at: number; value: Ancestry | null }>();
const TTL_MS = 60_000;

export async function compoundAncestry(compoundId: string): Promise<Ancestry | null> {
  const hit = cache.get(compoundId);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
  const { Item } = await ddb.send(new GetCommand({ TableName: tableName(), Key: keys.compound(compoundId), ProjectionExpression: 'communityId, streetId' }));
  const value = Item ? { compoundId, communityId: Item.communityId as string, streetId: Item.streetId as string } : null;
  cache.set(compoundId, { at: Date.now(), value });
  return value;
}

const communities = new Map<string, { at: number; value: Ancestry | null }>();

export async function communityAncestry(communityId: string): Promise<Ancestry | null> {
  const hit = communities.get(communityId);
  if (hit && hit.value && Date.now() - hit.at < TTL_MS) return hit.value;
  const { Item } = await ddb.send(new GetCommand({ TableName: tableName(), Key: keys.community(communityId), ProjectionExpression: 'streetId' }));
  const value = Item ? { communityId, streetId: Item.streetId as string } : null;
  communities.set(communityId, { at: Date.now(), value });
  return value;
}

export function forgetAncestry(compoundId: string): void {
  cache.delete(compoundId);
}
