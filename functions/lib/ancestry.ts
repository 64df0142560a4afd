// Where a compound sits (community, street), for scope checks. Cached briefly per container:
// a compound rarely moves, and a stale minute only delays, never widens, a scope change
// because the write path re-reads the item inside its own condition.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Ancestry } from '../../shared/access.ts';
import { ddb, tableName } from './clients.ts';
import { keys } from './keys.ts';

const TTL_MS = 60_000;
const compounds = new Map<string, { at: number; value: Ancestry }>();
const communities = new Map<string, { at: number; value: Ancestry }>();

/** Hits are kept for a minute; a miss is never kept, so a new item is seen at once everywhere. */
async function cached(map: Map<string, { at: number; value: Ancestry }>, key: string, load: () => Promise<Ancestry | null>): Promise<Ancestry | null> {
  const hit = map.get(key);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
  const value = await load();
  if (value) map.set(key, { at: Date.now(), value });
  return value;
}

export function compoundAncestry(compoundId: string): Promise<Ancestry | null> {
  return cached(compounds, compoundId, async () => {
    const { Item } = await ddb.send(new GetCommand({ TableName: tableName(), Key: keys.compound(compoundId), ProjectionExpression: 'communityId, streetId' }));
    return Item ? { compoundId, communityId: Item.communityId as string, streetId: Item.streetId as string } : null;
  });
}

export function communityAncestry(communityId: string): Promise<Ancestry | null> {
  return cached(communities, communityId, async () => {
    const { Item } = await ddb.send(new GetCommand({ TableName: tableName(), Key: keys.community(communityId), ProjectionExpression: 'streetId' }));
    return Item ? { communityId, streetId: Item.streetId as string } : null;
  });
}

export function forgetAncestry(compoundId: string): void {
  compounds.delete(compoundId);
}
