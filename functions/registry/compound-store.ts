import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { Ancestry, Principal } from '../../shared/access.ts';
import { BadRequest, Conflict, NotFound, type FieldIssue } from '../../shared/errors.ts';
import { similarBuilding } from '../../shared/registry/buildings.ts';
import type { CompoundBody } from '../../shared/registry/schemas.ts';
import { ddb, tableName } from '../lib/clients.ts';
import { queryAll } from '../lib/query.ts';
import { keys } from '../lib/keys.ts';
import { auditPut } from '../lib/audit.ts';
import { forgetAncestry } from '../lib/ancestry.ts';
import type { CompoundItem, RegisterVersionItem } from './model.ts';

export async function getCompound(compoundId: string, consistent = false): Promise<CompoundItem | undefined> {
  const { Item } = await ddb.send(new GetCommand({ TableName: tableName(), Key: keys.compound(compoundId), ConsistentRead: consistent }));
  if (!Item) return undefined;
  const { pk: _pk, sk: _sk, ...compound } = Item;
  return compound as CompoundItem;
}

export async function listRegisterVersions(compoundId: string): Promise<RegisterVersionItem[]> {
  const { pk, skPrefix } = keys.registerVersionPrefix(compoundId);
  return queryAll<RegisterVersionItem>(pk, { skPrefix, newestFirst: true });
}

function reasonsOf(error: unknown): string[] {
  return error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []).map((r) => r.Code ?? 'None') : [];
}

function withoutRev({ rev: _rev, ...body }: CompoundBody): Omit<CompoundBody, 'rev'> {
  return body;
}

/**
 * Adds one building to a compound, whatever else changed meanwhile (a register import's report
 * offers it). Adding one that is there is a no-op; another spelling of an existing building is
 * refused, naming it; the list stays within the schema's 300.
 */
export async function addBuilding(compoundId: string, name: string, principal: Principal): Promise<{ compound: CompoundItem; added: boolean }> {
  const before = await getCompound(compoundId, true);
  if (!before) throw new NotFound('Compound');
  if (before.buildings.includes(name)) return { compound: before, added: false };
  const similar = similarBuilding(name, before.buildings);
  if (similar) throw new BadRequest(`${name} is another spelling of ${similar}`, [{ path: 'body.name', reason: `write ${similar} in the file instead` }], 'similar_building');
  if (before.buildings.length >= 300) throw new BadRequest('A compound has at most 300 buildings', [{ path: 'body.name', reason: 'at most 300 buildings' }], 'too_many_buildings');
  const now = new Date().toISOString();
  try {
    await ddb.send(new TransactWriteCommand({ TransactItems: [
      { Update: {
        TableName: tableName(), Key: keys.compound(compoundId),
        UpdateExpression: 'SET buildings = list_append(buildings, :one), rev = rev + :inc, updatedAt = :now',
        ConditionExpression: 'attribute_exists(pk) AND NOT contains(buildings, :name) AND size(buildings) < :max',
        ExpressionAttributeValues: { ':one': [name], ':inc': 1, ':now': now, ':name': name, ':max': 300 },
      } },
      auditPut(principal, { action: 'compound.add-building', target: `compound:${compoundId}`, after: { building: name } }),
    ] }));
  } catch (error) {
    if (reasonsOf(error)[0] !== 'ConditionalCheckFailed') throw error;
    // Someone added it (or filled the list) at the same moment: say what is there now.
    const now2 = await getCompound(compoundId, true);
    if (now2?.buildings.includes(name)) return { compound: now2, added: false };
    throw new Conflict('The compound changed while you edited it; reload and try again', 'stale_revision');
  }
  forgetAncestry(compoundId);
  return { compound: (await getCompound(compoundId, true))!, added: true };
}

/**
 * Creates or edits a compound's descriptive fields. Register fields (version, totals) are
 * left as they are. References (community, grids, company) must exist, checked in the same
 * transaction; the edit is conditional on the revision read, so two editors cannot
 * overwrite each other silently.
 */
export async function putCompound(compoundId: string, body: CompoundBody, community: Ancestry, principal: Principal): Promise<{ compound: CompoundItem; created: boolean }> {
  const TableName = tableName();
  const before = await getCompound(compoundId, true);
  if (before && body.rev !== undefined && body.rev !== before.rev) throw new Conflict('The compound changed while you edited it; reload and try again', 'stale_revision');
  if (before && before.currentVersion > 0) {
    const versions = await listRegisterVersions(compoundId);
    const used = versions.find((v) => v.version === before.currentVersion)?.buildingsUsed ?? [];
    const missing = used.filter((b) => !body.buildings.includes(b));
    if (missing.length > 0) {
      throw new BadRequest('Buildings in the current owners\' register cannot be removed', [{ path: 'body.buildings', reason: `still in the register: ${missing.join(', ')}` }], 'building_in_use');
    }
  }
  const now = new Date().toISOString();
  const after: CompoundItem = {
    et: 'compound',
    id: compoundId,
    ...withoutRev(body),
    streetId: community.streetId,
    rev: (before?.rev ?? 0) + 1,
    currentVersion: before?.currentVersion ?? 0,
    registerHash: before?.registerHash ?? '',
    unitCount: before?.unitCount ?? 0,
    totalAreaHundredths: before?.totalAreaHundredths ?? 0,
    ownerHeads: before?.ownerHeads ?? 0,
    updatedAt: now,
  };
  const checks: { path: string; key: { pk: string; sk: string } }[] = [{ path: 'body.communityId', key: keys.community(body.communityId) }];
  checks.push(...body.gridIds.map((g, i) => ({ path: `body.gridIds.${i}`, key: keys.grid(g) })));
  if (body.contract) checks.push({ path: 'body.contract.companyId', key: keys.company(body.contract.companyId) });
  try {
    await ddb.send(new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName,
            Item: { ...keys.compound(compoundId), ...after },
            ConditionExpression: before ? 'rev = :rev AND currentVersion = :v' : 'attribute_not_exists(pk)',
            ExpressionAttributeValues: before ? { ':rev': before.rev, ':v': before.currentVersion } : undefined,
          },
        },
        ...checks.map((c) => ({ ConditionCheck: { TableName, Key: c.key, ConditionExpression: 'attribute_exists(pk)' } })),
        auditPut(principal, { action: before ? 'compound.update' : 'compound.create', target: `compound:${compoundId}`, before, after }),
      ],
    }));
  } catch (error) {
    const reasons = reasonsOf(error);
    if (reasons[0] === 'ConditionalCheckFailed') throw new Conflict('The compound changed while you edited it; reload and try again', 'stale_revision');
    const fields: FieldIssue[] = checks.filter((_, i) => reasons[i + 1] === 'ConditionalCheckFailed').map((c) => ({ path: c.path, reason: 'does not exist' }));
    if (fields.length > 0) throw new BadRequest('A referenced item does not exist', fields, 'unknown_reference');
    throw error;
  }
  forgetAncestry(compoundId);
  return { compound: after, created: !before };
}
