// A community's class for a year (强基/创优/示范, from the profiling): the registry's class until
// the organisation department sets another for the year, with the reason, audited.
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { Principal } from '../../shared/access.ts';
import { BadRequest, Conflict } from '../../shared/errors.ts';
import type { ClassBody } from '../../shared/assessment/schemas.ts';
import { ddb, tableName } from '../lib/clients.ts';
import { keys } from '../lib/keys.ts';
import { queryAll } from '../lib/query.ts';
import { auditPut } from '../lib/audit.ts';
import { communities } from '../pairings/store.ts';
import { assessmentConfig } from './settings.ts';

export interface ClassRow { communityId: string; name: string; streetId: string; class: string; reason: string | null; changedAt: string | null; rev: number }

interface ClassItem { communityId: string; class: string; reason: string; changedAt: string; rev: number }

export async function classesFor(year: string): Promise<ClassRow[]> {
  const [comms, set] = await Promise.all([communities(), queryAll<ClassItem>(keys.assessClassesPk(year), { skPrefix: 'COMMUNITY#', consistent: true })]);
  const byId = new Map(set.map((s) => [s.communityId, s]));
  return comms.map((c) => {
    const s = byId.get(c.id);
    return { communityId: c.id, name: c.name, streetId: c.streetId, class: s?.class ?? c.class, reason: s?.reason ?? null, changedAt: s?.changedAt ?? null, rev: s?.rev ?? 0 };
  }).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

export async function putClass(year: string, communityId: string, body: ClassBody, principal: Principal): Promise<ClassRow> {
  const classes = assessmentConfig().classes.map((c) => c.code);
  if (!classes.includes(body.class)) throw new BadRequest('Not a class of this district', [{ path: 'body.class', reason: `one of ${classes.join(', ')}` }]);
  const [{ Item }, rows] = await Promise.all([
    ddb.send(new GetCommand({ TableName: tableName(), Key: keys.assessClass(year, communityId), ConsistentRead: true })),
    classesFor(year),
  ]);
  const before = rows.find((r) => r.communityId === communityId)!;
  const rev = (Item?.rev as number | undefined) ?? 0;
  if (body.rev !== rev) throw new Conflict('Someone changed this class meanwhile; reload', 'changed_meanwhile');
  if (before.class === body.class) throw new Conflict('The community is in this class already', 'unchanged');
  const now = new Date().toISOString();
  const item: ClassItem = { communityId, class: body.class, reason: body.reason, changedAt: now, rev: rev + 1 };
  try {
    await ddb.send(new TransactWriteCommand({ TransactItems: [
      { Put: { TableName: tableName(), Item: { ...keys.assessClass(year, communityId), et: 'assess-class', year, ...item }, ConditionExpression: rev ? 'rev = :rev' : 'attribute_not_exists(pk)', ...(rev ? { ExpressionAttributeValues: { ':rev': rev } } : {}) } },
      auditPut(principal, { action: 'community-class.change', target: `community:${communityId}`, before: { year, class: before.class }, after: { year, class: body.class, reason: body.reason } }),
    ] }));
  } catch (error) {
    if (error instanceof TransactionCanceledException) throw new Conflict('Someone changed this class meanwhile; reload', 'changed_meanwhile');
    throw error;
  }
  return { ...before, class: body.class, reason: body.reason, changedAt: now, rev: rev + 1 };
}
