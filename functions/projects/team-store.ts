// Red shock teams (红色突击队): a department's roster, called out by a paired community for a task
// or an emergency at a time and place; the department records each member's answer, the
// community records who came and for how long. Names and phones are whole only for the
// department's staff and the district; a community sees names masked and no phone.
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { Principal } from '../../shared/access.ts';
import { BadRequest, Conflict, Forbidden, NotFound } from '../../shared/errors.ts';
import { maskName } from '../../shared/privacy.ts';
import type { AckBody, AttendanceBody, CalloutBody, TeamBody } from '../../shared/projects/schemas.ts';
import { ddb, tableName } from '../lib/clients.ts';
import { keys } from '../lib/keys.ts';
import { queryAll } from '../lib/query.ts';
import { auditPut } from '../lib/audit.ts';
import { newId } from '../lib/ids.ts';
import { departments } from '../appeals/routing-store.ts';
import { communities, pairings } from '../pairings/store.ts';

type Staff = Extract<Principal, { kind: 'staff' }>;
export interface TeamItem { departmentId: string; teamId: string; departmentName: string; name: string; members: { id: string; name: string; phone: string; role: string }[]; rev: number; updatedAt: string }
export interface CalloutItem {
  id: string; communityId: string; communityName: string; departmentId: string; teamId: string; teamName: string; departmentName: string; kind: 'task' | 'emergency'; task: string; place: string; at: string;
  createdAt: string; members: { id: string; name: string; phone: string }[]; answers: Record<string, { answer: 'coming' | 'cannot'; at: string }>;
  attended: Record<string, number> | null; note: string | null; closedAt: string | null;
}

/** The whole roster for the department and the district; names masked and no phone for anyone else. */
const seesWhole = (principal: Staff, departmentId: string) => principal.role === 'district_admin' || (principal.role === 'department' && principal.scopeId === departmentId);
function teamView(principal: Staff, t: TeamItem) {
  const whole = seesWhole(principal, t.departmentId);
  return { departmentId: t.departmentId, teamId: t.teamId, departmentName: t.departmentName, name: t.name, rev: t.rev, updatedAt: t.updatedAt, members: t.members.map((m) => ({ id: m.id, name: whole ? m.name : maskName(m.name), ...(whole ? { phone: m.phone } : {}), role: m.role })) };
}
export function calloutView(principal: Staff, c: CalloutItem) {
  const whole = seesWhole(principal, c.departmentId);
  const { members, ...rest } = c;
  return { ...rest, members: members.map((m) => ({ id: m.id, name: whole ? m.name : maskName(m.name), ...(whole ? { phone: m.phone } : {}) })) };
}

export async function putTeam(departmentId: string, teamId: string, body: TeamBody, principal: Staff) {
  const ids = body.members.map((m) => m.id);
  if (new Set(ids).size !== ids.length) throw new BadRequest('Two members have one id', body.members.flatMap((m, i) => (ids.indexOf(m.id) !== i ? [{ path: `body.members.${i}.id`, reason: 'used twice in this roster' }] : [])));
  const [deps, { Item }] = await Promise.all([departments(), ddb.send(new GetCommand({ TableName: tableName(), Key: keys.team(departmentId, teamId), ConsistentRead: true }))]);
  const dep = deps.find((d) => d.id === departmentId);
  if (!dep) throw new NotFound('Department');
  const rev = (Item?.rev as number | undefined) ?? 0;
  if (body.rev === 0 && rev > 0) throw new BadRequest('The department has a team with this id', [{ path: 'params.teamId', reason: 'in use by another team of this department' }]);
  if (body.rev !== rev) throw new Conflict('Someone changed this roster meanwhile; reload', 'changed_meanwhile');
  const team: TeamItem = { departmentId, teamId, departmentName: dep.name, name: body.name, members: body.members.map((m) => ({ id: m.id, name: m.name, phone: m.phone, role: m.role })), rev: rev + 1, updatedAt: new Date().toISOString() };
  try {
    await ddb.send(new TransactWriteCommand({ TransactItems: [
      { Put: { TableName: tableName(), Item: { ...keys.team(departmentId, teamId), et: 'team', ...team }, ConditionExpression: rev ? 'rev = :rev' : 'attribute_not_exists(pk)', ...(rev ? { ExpressionAttributeValues: { ':rev': rev } } : {}) } },
      { Put: { TableName: tableName(), Item: { ...keys.teamIndex(departmentId, teamId), et: 'team-index', departmentId, teamId, departmentName: dep.name, name: body.name, members: body.members.length } } },
      // The audit says how many and which ids: names and phones stay out of it.
      auditPut(principal, { action: 'team.roster', target: `department:${departmentId}`, after: { teamId, name: body.name, members: ids } }),
    ] }));
  } catch (error) {
    if (error instanceof TransactionCanceledException) throw new Conflict('Someone changed this roster meanwhile; reload', 'changed_meanwhile');
    throw error;
  }
  return teamView(principal, team);
}

/** The teams the caller may call on or manage: a community those of its paired departments. */
export async function listTeams(principal: Staff) {
  const [index, ps] = await Promise.all([queryAll<{ departmentId: string; teamId: string }>(keys.teamsIndexPk()), pairings()]);
  const paired = new Set(ps.filter((p) => p.communityId === principal.scopeId).flatMap((p) => p.departmentIds));
  const wanted = index.filter((t) => principal.role === 'district_admin' || principal.role === 'street_staff' || (principal.role === 'department' && t.departmentId === principal.scopeId) || (principal.role === 'community_staff' && paired.has(t.departmentId)));
  const teams = await Promise.all(wanted.map(async (t) => (await ddb.send(new GetCommand({ TableName: tableName(), Key: keys.team(t.departmentId, t.teamId) }))).Item as TeamItem | undefined));
  return teams.filter((t): t is TeamItem => t !== undefined).map((t) => teamView(principal, t));
}

export async function callOut(body: CalloutBody, principal: Staff) {
  const [ps, comms, { Item: team }] = await Promise.all([pairings(true), communities(), ddb.send(new GetCommand({ TableName: tableName(), Key: keys.team(body.departmentId, body.teamId), ConsistentRead: true }))]);
  if (!ps.some((p) => p.communityId === principal.scopeId && p.departmentIds.includes(body.departmentId))) throw new Forbidden('Your community is not paired with this department');
  if (!team) throw new BadRequest('This department has no such shock team', [{ path: 'body.teamId', reason: 'no such team' }]);
  const t = team as TeamItem;
  const now = new Date();
  if (Date.parse(body.at) < now.getTime() - 86_400_000) throw new BadRequest('A call-out is for now or later', [{ path: 'body.at', reason: 'not more than a day ago' }]);
  if (Date.parse(body.at) > now.getTime() + 30 * 86_400_000) throw new BadRequest('A call-out is for the coming month at most', [{ path: 'body.at', reason: 'not more than 30 days ahead' }]);
  const c: CalloutItem = {
    id: newId(now.getTime()), communityId: principal.scopeId, communityName: comms.find((x) => x.id === principal.scopeId)?.name ?? principal.scopeId, departmentId: t.departmentId, teamId: t.teamId, teamName: t.name, departmentName: t.departmentName,
    kind: body.kind, task: body.task, place: body.place, at: new Date(body.at).toISOString(), createdAt: now.toISOString(), members: t.members.map((m) => ({ id: m.id, name: m.name, phone: m.phone })), answers: {}, attended: null, note: null, closedAt: null,
  };
  await ddb.send(new TransactWriteCommand({ TransactItems: [
    { Put: { TableName: tableName(), Item: { ...keys.callout(c.communityId, c.id), et: 'callout', ...c }, ConditionExpression: 'attribute_not_exists(pk)' } },
    { Put: { TableName: tableName(), Item: { ...keys.calloutIndex(c.at, c.communityId, c.id), et: 'callout-index', id: c.id, communityId: c.communityId, departmentId: c.departmentId, at: c.at, kind: c.kind } } },
    auditPut(principal, { action: 'team.callout', target: `department:${c.departmentId}`, after: { calloutId: c.id, kind: c.kind, at: c.at } }, now),
  ] }));
  return calloutView(principal, c);
}

async function getCallout(communityId: string, calloutId: string): Promise<CalloutItem> {
  const { Item } = await ddb.send(new GetCommand({ TableName: tableName(), Key: keys.callout(communityId, calloutId), ConsistentRead: true }));
  if (!Item) throw new NotFound('Call-out');
  const { pk: _p, sk: _s, et: _e, ...callout } = Item;
  return callout as CalloutItem;
}

async function update(c: CalloutItem, before: CalloutItem, principal: Staff, action: string, detail: unknown) {
  try {
    await ddb.send(new TransactWriteCommand({ TransactItems: [
      // Conditioned on what was read: two people recording at once cannot lose each other's.
      { Put: { TableName: tableName(), Item: { ...keys.callout(c.communityId, c.id), et: 'callout', ...c }, ConditionExpression: 'attribute_exists(pk) AND size(answers) = :n AND attribute_type(attended, :t)', ExpressionAttributeValues: { ':n': Object.keys(before.answers).length, ':t': before.attended === null ? 'NULL' : 'M' } } },
      auditPut(principal, { action, target: `callout:${c.communityId}:${c.id}`, after: detail }),
    ] }));
  } catch (error) {
    if (error instanceof TransactionCanceledException) throw new Conflict('Someone changed this call-out meanwhile; reload', 'changed_meanwhile');
    throw error;
  }
}

/** The department records its members' answers. */
export async function answerCallout(communityId: string, calloutId: string, body: AckBody, principal: Staff) {
  const c = await getCallout(communityId, calloutId);
  if (!(principal.role === 'department' && principal.scopeId === c.departmentId)) throw new Forbidden('Only the called department records its members\' answers');
  // The community closing the call-out (by recording who came) does not take the department's
  // answers away: they are recorded for a week after the call-out's time.
  if (Date.now() > Date.parse(c.at) + 7 * 86_400_000) throw new Conflict('Answers are recorded within a week of the call-out', 'answers_closed');
  const ids = new Set(c.members.map((m) => m.id));
  const fields = Object.keys(body.answers).flatMap((id) => (ids.has(id) ? [] : [{ path: `body.answers.${id}`, reason: 'not a member of this team' }]));
  if (fields.length || !Object.keys(body.answers).length) throw new BadRequest('Some answers name no member', fields.length ? fields : [{ path: 'body.answers', reason: 'answer for at least one member' }]);
  const at = new Date().toISOString();
  const next: CalloutItem = { ...c, answers: { ...c.answers, ...Object.fromEntries(Object.entries(body.answers).map(([id, answer]) => [id, { answer, at }])) } };
  await update(next, c, principal, 'team.callout.answers', { answers: body.answers });
  return calloutView(principal, next);
}

/** The community records who came and for how long; the call-out is then closed. */
export async function recordAttendance(communityId: string, calloutId: string, body: AttendanceBody, principal: Staff) {
  const c = await getCallout(communityId, calloutId);
  if (!(principal.role === 'community_staff' && principal.scopeId === c.communityId)) throw new Forbidden('Only the community that called records who came');
  if (c.closedAt) throw new Conflict('The call-out is closed', 'closed');
  const ids = new Set(c.members.map((m) => m.id));
  const fields = Object.keys(body.attended).flatMap((id) => (ids.has(id) ? [] : [{ path: `body.attended.${id}`, reason: 'not a member of this team' }]));
  if (fields.length) throw new BadRequest('Some entries name no member', fields);
  if (Date.parse(c.at) > Date.now()) throw new Conflict(`The call-out is at ${c.at}: record who came after it`, 'not_yet');
  const next: CalloutItem = { ...c, attended: body.attended, note: body.note || null, closedAt: new Date().toISOString() };
  await update(next, c, principal, 'team.callout.attendance', { attended: Object.keys(body.attended).length, minutes: Object.values(body.attended).reduce((a, b) => a + b, 0) });
  return calloutView(principal, next);
}

/** The call-outs the caller may see, newest first. */
export async function listCallouts(principal: Staff) {
  const index = await queryAll<{ id: string; communityId: string; departmentId: string }>(keys.calloutIndexPk(), { newestFirst: true, limit: 500 });
  const comms = principal.role === 'street_staff' ? new Set((await communities()).filter((c) => c.streetId === principal.scopeId).map((c) => c.id)) : null;
  const mine = index.filter((c) => principal.role === 'district_admin' || (principal.role === 'department' && c.departmentId === principal.scopeId) || (principal.role === 'community_staff' && c.communityId === principal.scopeId) || (comms?.has(c.communityId) ?? false));
  const items = await Promise.all(mine.slice(0, 100).map((c) => getCallout(c.communityId, c.id)));
  return items.map((c) => calloutView(principal, c));
}
