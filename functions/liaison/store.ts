// Leader liaison (包联): each visit of a district leader to a community it is paired with (kind,
// date, what was raised), and the matters escalated to it (顶格协调), linked to the appeal case
// when one came from it, with their outcome; counted per leader and month from a month index
// written in the same transaction.
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { Principal } from '../../shared/access.ts';
import { BadRequest, Conflict, NotFound } from '../../shared/errors.ts';
import type { EscalationBody, OutcomeBody, VisitBody } from '../../shared/liaison/schemas.ts';
import { beijingDay } from '../../shared/beijing.ts';
import { maskNumbers } from '../../shared/privacy.ts';
import { ddb, tableName } from '../lib/clients.ts';
import { keys } from '../lib/keys.ts';
import { queryAll } from '../lib/query.ts';
import { auditPut } from '../lib/audit.ts';
import { newId } from '../lib/ids.ts';
import { leaders, pairings } from '../pairings/store.ts';

type Staff = Extract<Principal, { kind: 'staff' }>;
export interface VisitItem { id: string; communityId: string; leaderId: string; leaderName: string; kind: string; date: string; raised: string; recordedAt: string }
export interface EscalationItem { id: string; communityId: string; leaderId: string; leaderName: string; matter: string; caseId: string | null; openedAt: string; settled: boolean | null; outcome: string | null; decidedAt: string | null; history?: { outcome: string; settled: boolean; at: string }[] }

async function pairedLeader(communityId: string, leaderId: string): Promise<string> {
  const [ps, ls] = await Promise.all([pairings(true), leaders()]);
  const leader = ls.find((l) => l.id === leaderId);
  if (!leader || !ps.some((p) => p.communityId === communityId && p.leaderIds.includes(leaderId))) throw new BadRequest('The leader is not paired with this community', [{ path: 'body.leaderId', reason: 'not a leader paired with this community' }]);
  return leader.name;
}

export async function addVisit(communityId: string, body: VisitBody, principal: Staff): Promise<VisitItem> {
  const leaderName = await pairedLeader(communityId, body.leaderId);
  if (body.date > beijingDay(Date.now())) throw new BadRequest('A visit is recorded once it happened', [{ path: 'body.date', reason: 'not after today' }]);
  // Recorded in the month it happened or the next: a visit years back would rewrite a month's count.
  const today = beijingDay(Date.now());
  const [y, m] = today.slice(0, 7).split('-').map(Number) as [number, number];
  const lastMonthStart = m === 1 ? `${y - 1}-12-01` : `${y}-${String(m - 1).padStart(2, '0')}-01`;
  if (body.date < lastMonthStart) throw new BadRequest('A visit is recorded in its month or the next', [{ path: 'body.date', reason: `not before ${lastMonthStart}` }]);
  const v: VisitItem = { id: newId(), communityId, leaderId: body.leaderId, leaderName, kind: body.kind, date: body.date, raised: maskNumbers(body.raised), recordedAt: new Date().toISOString() };
  await ddb.send(new TransactWriteCommand({ TransactItems: [
    { Put: { TableName: tableName(), Item: { ...keys.liaisonVisit(communityId, v.date, v.id), et: 'liaison-visit', ...v }, ConditionExpression: 'attribute_not_exists(pk)' } },
    { Put: { TableName: tableName(), Item: { ...keys.liaisonMonth(v.date.slice(0, 7), v.leaderId, 'visit', v.id), et: 'liaison-month', leaderId: v.leaderId, communityId, what: 'visit', kind: v.kind } } },
    auditPut(principal, { action: 'liaison.visit', target: `community:${communityId}`, after: { leaderId: v.leaderId, kind: v.kind, date: v.date } }),
  ] }));
  return v;
}

export async function escalate(communityId: string, body: EscalationBody, principal: Staff): Promise<EscalationItem> {
  const leaderName = await pairedLeader(communityId, body.leaderId);
  if (body.caseId) {
    const { Item } = await ddb.send(new GetCommand({ TableName: tableName(), Key: keys.appealCase(body.caseId), ProjectionExpression: 'place' }));
    if (!Item || Item.place?.communityId !== communityId) throw new BadRequest('No appeal of this community has this number', [{ path: 'body.caseId', reason: 'not a case of this community' }]);
  }
  const now = new Date();
  const e: EscalationItem = { id: newId(now.getTime()), communityId, leaderId: body.leaderId, leaderName, matter: maskNumbers(body.matter), caseId: body.caseId ?? null, openedAt: now.toISOString(), settled: null, outcome: null, decidedAt: null };
  await ddb.send(new TransactWriteCommand({ TransactItems: [
    { Put: { TableName: tableName(), Item: { ...keys.liaisonEscalation(communityId, e.id), et: 'liaison-escalation', ...e }, ConditionExpression: 'attribute_not_exists(pk)' } },
    { Put: { TableName: tableName(), Item: { ...keys.liaisonMonth(beijingDay(now.getTime()).slice(0, 7), e.leaderId, 'escalation', e.id), et: 'liaison-month', leaderId: e.leaderId, communityId, what: 'escalation' } } },
    auditPut(principal, { action: 'liaison.escalate', target: `community:${communityId}`, after: { leaderId: e.leaderId, caseId: e.caseId } }, now),
  ] }));
  return e;
}

export async function decideEscalation(communityId: string, escalationId: string, body: OutcomeBody, principal: Staff): Promise<EscalationItem> {
  const { Item } = await ddb.send(new GetCommand({ TableName: tableName(), Key: keys.liaisonEscalation(communityId, escalationId), ConsistentRead: true }));
  if (!Item) throw new NotFound('Escalation');
  const { pk: _p, sk: _s, et: _e, ...stored } = Item;
  const e = stored as EscalationItem;
  if (e.settled === true) throw new Conflict('This matter is settled already', 'settled');
  const now = new Date();
  // An outcome that did not settle it stays in the matter's history when the next one comes.
  const history = [...(e.history ?? []), ...(e.outcome ? [{ outcome: e.outcome, settled: e.settled ?? false, at: e.decidedAt! }] : [])];
  const next: EscalationItem = { ...e, settled: body.settled, outcome: maskNumbers(body.outcome), decidedAt: now.toISOString(), ...(history.length ? { history } : {}) };
  try {
    await ddb.send(new TransactWriteCommand({ TransactItems: [
      // On the outcome read: two recorded at once cannot drop one from the history.
      { Put: { TableName: tableName(), Item: { ...keys.liaisonEscalation(communityId, e.id), et: 'liaison-escalation', ...next }, ...(e.decidedAt
        ? { ConditionExpression: 'decidedAt = :was AND settled <> :t', ExpressionAttributeValues: { ':was': e.decidedAt, ':t': true } }
        : { ConditionExpression: 'attribute_type(decidedAt, :null) OR attribute_not_exists(decidedAt)', ExpressionAttributeValues: { ':null': 'NULL' } }) } },
      ...(body.settled ? [{ Put: { TableName: tableName(), Item: { ...keys.liaisonMonth(beijingDay(now.getTime()).slice(0, 7), e.leaderId, 'settled', e.id), et: 'liaison-month', leaderId: e.leaderId, communityId, what: 'settled' } } }] : []),
      auditPut(principal, { action: 'liaison.outcome', target: `community:${communityId}`, after: { escalationId, settled: body.settled, outcome: next.outcome } }, now),
    ] }));
  } catch (error) {
    if (error instanceof TransactionCanceledException) throw new Conflict('Someone recorded an outcome meanwhile; reload', 'changed_meanwhile');
    throw error;
  }
  return next;
}

export async function communityLiaison(communityId: string) {
  const items = await queryAll<VisitItem & EscalationItem & { sk: string }>(keys.liaisonPk(communityId), { consistent: true });
  const strip = <T extends object>(x: T) => { const { pk: _p, sk: _s, et: _e, ...rest } = x as T & { pk?: string; sk?: string; et?: string }; return rest; };
  return {
    visits: items.filter((i) => i.sk.startsWith('V#')).map(strip).sort((a, b) => b.date.localeCompare(a.date)),
    escalations: items.filter((i) => i.sk.startsWith('E#')).map(strip).sort((a, b) => b.openedAt.localeCompare(a.openedAt)),
  };
}

/** Per leader in a Beijing month: visits by kind, matters escalated and settled, and the communities visited. */
export async function monthSummary(month: string) {
  const [entries, ls, ps] = await Promise.all([queryAll<{ leaderId: string; communityId: string; what: string; kind?: string }>(keys.liaisonMonthPk(month), { consistent: true }), leaders(), pairings()]);
  return {
    month,
    leaders: ls.map((l) => {
      const mine = entries.filter((e) => e.leaderId === l.id);
      const paired = ps.filter((p) => p.leaderIds.includes(l.id)).map((p) => p.communityId);
      const visited = new Set(mine.filter((e) => e.what === 'visit').map((e) => e.communityId));
      return {
        leaderId: l.id, name: l.name, title: l.title,
        visits: mine.filter((e) => e.what === 'visit').length,
        byKind: Object.fromEntries(['policy', 'research', 'petition', 'office'].map((k) => [k, mine.filter((e) => e.what === 'visit' && e.kind === k).length])),
        escalations: mine.filter((e) => e.what === 'escalation').length,
        settled: mine.filter((e) => e.what === 'settled').length,
        paired: paired.length,
        /** Paired communities not visited this month (包联 asks a visit a month). */
        notVisited: paired.filter((c) => !visited.has(c)),
      };
    }),
  };
}
