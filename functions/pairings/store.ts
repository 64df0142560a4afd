// Departments and district leaders paired with communities (部门结对、领导包联). A community's
// pairing is one item with a revision: two admins editing it cannot overwrite each other, and
// each save is audited with what it was before.
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { Principal } from '../../shared/access.ts';
import { BadRequest, Conflict } from '../../shared/errors.ts';
import type { LeaderBody, PairingBody } from '../../shared/evaluations/schemas.ts';
import { ddb, tableName } from '../lib/clients.ts';
import { DISTRICT_PK, keys } from '../lib/keys.ts';
import { queryAll } from '../lib/query.ts';
import { auditPut } from '../lib/audit.ts';

export interface Leader { id: string; name: string; title: string }
export interface Pairing { communityId: string; departmentIds: string[]; leaderIds: string[]; rev: number; updatedAt: string | null }
export interface CommunityRef { id: string; name: string; streetId: string; class: string }

export async function putLeader(id: string, body: LeaderBody, principal: Principal): Promise<Leader> {
  const { Item: before } = await ddb.send(new GetCommand({ TableName: tableName(), Key: keys.leader(id), ConsistentRead: true }));
  const item = { id, name: body.name, title: body.title };
  await ddb.send(new TransactWriteCommand({ TransactItems: [
    { Put: { TableName: tableName(), Item: { ...keys.leader(id), et: 'leader', ...item, updatedAt: new Date().toISOString() } } },
    auditPut(principal, { action: before ? 'leader.update' : 'leader.create', target: `leader:${id}`, before: before ? { name: before.name, title: before.title } : undefined, after: item }),
  ] }));
  return item;
}

export async function leaders(): Promise<Leader[]> {
  const items = await queryAll<Leader>(DISTRICT_PK, { skPrefix: 'LEADER#' });
  return items.map((l) => ({ id: l.id, name: l.name, title: l.title }));
}

export async function pairings(consistent = false): Promise<Pairing[]> {
  const items = await queryAll<Pairing>(DISTRICT_PK, { skPrefix: 'PAIRING#', consistent });
  return items.map((p) => ({ communityId: p.communityId, departmentIds: p.departmentIds ?? [], leaderIds: p.leaderIds ?? [], rev: p.rev, updatedAt: p.updatedAt ?? null }));
}

export async function communities(): Promise<CommunityRef[]> {
  const items = await queryAll<CommunityRef>(DISTRICT_PK, { skPrefix: 'COMMUNITY#' });
  return items.map((c) => ({ id: c.id, name: c.name, streetId: c.streetId, class: c.class }));
}

export async function putPairing(communityId: string, body: PairingBody, principal: Principal): Promise<Pairing> {
  const departmentIds = [...new Set(body.departmentIds)].sort();
  const leaderIds = [...new Set(body.leaderIds)].sort();
  const [{ Item: before }, known] = await Promise.all([
    ddb.send(new GetCommand({ TableName: tableName(), Key: keys.pairing(communityId), ConsistentRead: true })),
    queryAll<{ sk: string }>(DISTRICT_PK, { skPrefix: 'DEPARTMENT#', consistent: true }).then(async (deps) => ({ deps: new Set(deps.map((d) => d.sk.slice('DEPARTMENT#'.length))), leaders: new Set((await queryAll<{ sk: string }>(DISTRICT_PK, { skPrefix: 'LEADER#', consistent: true })).map((l) => l.sk.slice('LEADER#'.length))) })),
  ]);
  const fields = [
    ...body.departmentIds.flatMap((id, i) => (known.deps.has(id) ? [] : [{ path: `body.departmentIds.${i}`, reason: 'no such department' }])),
    ...body.leaderIds.flatMap((id, i) => (known.leaders.has(id) ? [] : [{ path: `body.leaderIds.${i}`, reason: 'no such leader' }])),
  ];
  if (fields.length) throw new BadRequest('The pairing names a department or leader that does not exist', fields);
  const currentRev = (before?.rev as number | undefined) ?? 0;
  if (body.rev !== currentRev) throw new Conflict('Someone changed this pairing meanwhile; reload', 'changed_meanwhile');
  const now = new Date().toISOString();
  const item: Pairing = { communityId, departmentIds, leaderIds, rev: currentRev + 1, updatedAt: now };
  try {
    await ddb.send(new TransactWriteCommand({ TransactItems: [
      {
        Put: {
          TableName: tableName(), Item: { ...keys.pairing(communityId), et: 'pairing', ...item },
          ConditionExpression: currentRev ? 'rev = :rev' : 'attribute_not_exists(pk)',
          ...(currentRev ? { ExpressionAttributeValues: { ':rev': currentRev } } : {}),
        },
      },
      auditPut(principal, { action: 'pairing.update', target: `community:${communityId}`, before: before ? { departmentIds: before.departmentIds, leaderIds: before.leaderIds } : undefined, after: { departmentIds, leaderIds } }),
    ] }));
  } catch (error) {
    if (error instanceof TransactionCanceledException) throw new Conflict('Someone changed this pairing meanwhile; reload', 'changed_meanwhile');
    throw error;
  }
  return item;
}
