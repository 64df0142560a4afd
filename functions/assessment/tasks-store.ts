// The problems a quarter found, each given to the community's paired leader, a department or the
// street cadre and tracked to done. Leaders do not sign in: the organisation department marks
// their tasks; a department or a street marks its own.
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { Principal } from '../../shared/access.ts';
import { BadRequest, Conflict, Forbidden, NotFound } from '../../shared/errors.ts';
import type { TaskBody, TaskStateBody } from '../../shared/assessment/schemas.ts';
import { ddb, tableName } from '../lib/clients.ts';
import { DISTRICT_PK, keys } from '../lib/keys.ts';
import { queryAll } from '../lib/query.ts';
import { auditPut } from '../lib/audit.ts';
import { newId } from '../lib/ids.ts';
import { departments } from '../appeals/routing-store.ts';
import { communities, leaders, pairings } from '../pairings/store.ts';
import { assessmentConfig } from './settings.ts';
import { quarterOf } from '../../shared/assessment/quarter.ts';

type Staff = Extract<Principal, { kind: 'staff' }>;
export interface TaskItem extends TaskBody { id: string; communityName: string; streetId: string; assigneeName: string; state: 'open' | 'done'; createdAt: string; history: { at: string; state: 'open' | 'done'; note: string }[] }

export async function createTask(body: TaskBody, principal: Staff): Promise<TaskItem> {
  const [comms, deps, ls, ps, street] = await Promise.all([communities(), departments(), leaders(), pairings(true), queryAll<{ id: string; name: string }>(DISTRICT_PK, { skPrefix: 'STREET#' })]);
  const community = comms.find((c) => c.id === body.communityId);
  if (!community) throw new BadRequest('Unknown community', [{ path: 'body.communityId', reason: 'no such community' }]);
  // To the community's own: a leader or department paired with it, or its street.
  const pairing = ps.find((p) => p.communityId === body.communityId);
  const assigneeName = body.assignee.kind === 'leader' ? (pairing?.leaderIds.includes(body.assignee.id) ? ls.find((l) => l.id === body.assignee.id)?.name : undefined)
    : body.assignee.kind === 'department' ? (pairing?.departmentIds.includes(body.assignee.id) ? deps.find((d) => d.id === body.assignee.id)?.name : undefined)
      : body.assignee.id === community.streetId ? (street.find((x) => x.id === community.streetId)?.name ?? body.assignee.id) : undefined;
  if (!assigneeName) throw new BadRequest('The task is given to no one who exists', [{ path: 'body.assignee.id', reason: body.assignee.kind === 'street' ? "the community's own street" : `not a ${body.assignee.kind} paired with this community` }]);
  const fields: { path: string; reason: string }[] = [];
  if (body.indicator && !assessmentConfig().indicators.some((i) => i.code === body.indicator)) fields.push({ path: 'body.indicator', reason: 'not an indicator of this district' });
  if (body.quarter > quarterOf(Date.now())) fields.push({ path: 'body.quarter', reason: 'not a quarter to come' });
  if (body.dueOn < new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)) fields.push({ path: 'body.dueOn', reason: 'not before today' });
  if (fields.length) throw new BadRequest('The task is not valid', fields);
  const now = new Date();
  const item: TaskItem = { ...body, id: newId(now.getTime()), communityName: community.name, streetId: community.streetId, assigneeName, state: 'open', createdAt: now.toISOString(), history: [] };
  await ddb.send(new TransactWriteCommand({ TransactItems: [
    { Put: { TableName: tableName(), Item: { ...keys.assessTask(item.id), et: 'assess-task', ...item }, ConditionExpression: 'attribute_not_exists(pk)' } },
    auditPut(principal, { action: 'assessment-task.create', target: `community:${body.communityId}`, after: { taskId: item.id, quarter: body.quarter, assignee: body.assignee } }, now),
  ] }));
  return item;
}

/** The tasks the caller may see: all for the district, its own for a department or a street, a community's own. */
export async function listTasks(principal: Staff): Promise<TaskItem[]> {
  const all = await queryAll<TaskItem>(keys.assessTasksPk(), { skPrefix: 'TASK#', consistent: true });
  const mine = all.filter((t) => principal.role === 'district_admin'
    || (principal.role === 'department' && t.assignee.kind === 'department' && t.assignee.id === principal.scopeId)
    || (principal.role === 'street_staff' && t.streetId === principal.scopeId)
    || (principal.role === 'community_staff' && t.communityId === principal.scopeId));
  return mine.map(({ pk: _p, sk: _s, et: _e, ...t }: TaskItem & { pk?: string; sk?: string; et?: string }) => t).sort((a, b) => (a.state === b.state ? a.dueOn.localeCompare(b.dueOn) : a.state === 'open' ? -1 : 1));
}

export async function setTaskState(taskId: string, body: TaskStateBody, principal: Staff): Promise<TaskItem> {
  const { Item } = await ddb.send(new GetCommand({ TableName: tableName(), Key: keys.assessTask(taskId), ConsistentRead: true }));
  if (!Item) throw new NotFound('Task');
  const task = Item as TaskItem;
  const mayMark = principal.role === 'district_admin'
    || (principal.role === 'department' && task.assignee.kind === 'department' && task.assignee.id === principal.scopeId)
    || (principal.role === 'street_staff' && task.assignee.kind === 'street' && task.assignee.id === principal.scopeId);
  if (!mayMark) throw new Forbidden('This task is not yours to mark');
  if (task.state === body.state) throw new Conflict(body.state === 'done' ? 'The task is done already' : 'The task is open already', 'unchanged');
  const at = new Date().toISOString();
  try {
    await ddb.send(new TransactWriteCommand({ TransactItems: [
      { Update: { TableName: tableName(), Key: keys.assessTask(taskId), UpdateExpression: 'SET #s = :s, history = list_append(history, :h)', ConditionExpression: '#s = :was', ExpressionAttributeNames: { '#s': 'state' }, ExpressionAttributeValues: { ':s': body.state, ':was': task.state, ':h': [{ at, state: body.state, note: body.note }] } } },
      auditPut(principal, { action: body.state === 'done' ? 'assessment-task.done' : 'assessment-task.reopen', target: `community:${task.communityId}`, after: { taskId, note: body.note } }),
    ] }));
  } catch (error) {
    if (error instanceof TransactionCanceledException) throw new Conflict('Someone changed this task meanwhile; reload', 'changed_meanwhile');
    throw error;
  }
  return { ...task, state: body.state, history: [...task.history, { at, state: body.state, note: body.note }] };
}
