// Evaluation rounds (半年度组织评价). A round keeps, from the moment it is set up, who rates
// whom (the pairings then in force, with the names as they were) and on which criteria: a
// pairing edited during the round changes the next round, never this one.
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { Principal } from '../../shared/access.ts';
import { BadRequest, Conflict, NotFound } from '../../shared/errors.ts';
import { criteriaProblems } from '../../shared/evaluations/criteria.ts';
import { districtCriteria } from './settings.ts';
import type { Criterion, RoundBody } from '../../shared/evaluations/schemas.ts';
import { ddb, tableName } from '../lib/clients.ts';
import { keys } from '../lib/keys.ts';
import { queryAll } from '../lib/query.ts';
import { auditPut } from '../lib/audit.ts';
import { departments as allDepartments } from '../appeals/routing-store.ts';
import { communities, pairings } from '../pairings/store.ts';

export type RoundState = 'scheduled' | 'open' | 'closed' | 'published';

export interface RoundItem {
  id: string;
  title: string;
  period: string;
  opensAt: string;
  closesAt: string;
  criteria: Criterion[];
  /** communityId → the departments it rates in this round. */
  pairs: Record<string, string[]>;
  departments: { id: string; name: string; paired: number }[];
  communities: Record<string, string>;
  createdAt: string;
  publishedVersion?: number;
}

export function roundState(r: Pick<RoundItem, 'opensAt' | 'closesAt' | 'publishedVersion'>, now = Date.now()): RoundState {
  if (now < Date.parse(r.opensAt)) return 'scheduled';
  if (now < Date.parse(r.closesAt)) return 'open';
  return r.publishedVersion ? 'published' : 'closed';
}

export const pairCount = (r: Pick<RoundItem, 'pairs'>) => Object.values(r.pairs).reduce((a, d) => a + d.length, 0);

export async function getRound(roundId: string, consistent = false): Promise<RoundItem | null> {
  const { Item } = await ddb.send(new GetCommand({ TableName: tableName(), Key: keys.evalRound(roundId), ConsistentRead: consistent }));
  return (Item as RoundItem | undefined) ?? null;
}

export async function mustGetRound(roundId: string, consistent = false): Promise<RoundItem> {
  const round = await getRound(roundId, consistent);
  if (!round) throw new NotFound('Evaluation round');
  return round;
}

export async function listRounds(): Promise<RoundItem[]> {
  const items = await queryAll<RoundItem>(keys.evalRoundsPk(), { skPrefix: 'ROUND#' });
  return items.sort((a, b) => b.opensAt.localeCompare(a.opensAt));
}

/** Who rates whom now: every community with at least one paired department. */
async function pairsNow(): Promise<Pick<RoundItem, 'pairs' | 'departments' | 'communities'>> {
  const [ps, deps, comms] = await Promise.all([pairings(true), allDepartments(), communities()]);
  const depName = new Map(deps.map((d) => [d.id, d.name]));
  const pairs: Record<string, string[]> = {};
  const paired = new Map<string, number>();
  for (const p of ps) {
    const ids = p.departmentIds.filter((id) => depName.has(id));
    if (!ids.length) continue;
    pairs[p.communityId] = ids;
    for (const id of ids) paired.set(id, (paired.get(id) ?? 0) + 1);
  }
  return {
    pairs,
    departments: [...paired].map(([id, n]) => ({ id, name: depName.get(id)!, paired: n })),
    communities: Object.fromEntries(comms.filter((c) => pairs[c.id]).map((c) => [c.id, c.name])),
  };
}

/** Sets a round up, or changes it while it has not opened. */
export async function putRound(roundId: string, body: RoundBody, principal: Principal): Promise<{ round: RoundItem; created: boolean }> {
  const now = Date.now();
  const criteria = body.criteria ?? districtCriteria();
  const fields = criteriaProblems(criteria);
  if (Date.parse(body.closesAt) <= Date.parse(body.opensAt)) fields.push({ path: 'body.closesAt', reason: 'must be after the opening time' });
  if (Date.parse(body.closesAt) <= now) fields.push({ path: 'body.closesAt', reason: 'must be in the future' });
  // A half-year is rated once it has begun: a round for 2027-H1 does not open in 2026.
  const [y, h] = [Number(body.period.slice(0, 4)), body.period.endsWith('H1') ? 0 : 6];
  const periodStart = Date.UTC(y, h, 1) - 8 * 3_600_000;
  if (Date.parse(body.opensAt) < periodStart) fields.push({ path: 'body.opensAt', reason: 'not before the half-year it rates has begun' });
  if (fields.length) throw new BadRequest('The round is not valid', fields);
  const [existing, others] = await Promise.all([getRound(roundId, true), listRounds()]);
  if (existing && roundState(existing, now) !== 'scheduled') throw new Conflict('The round has opened: it can no longer change (close it early instead)', 'round_open');
  if (others.some((r) => r.id !== roundId && r.period === body.period)) throw new Conflict('Another round already covers this half-year', 'duplicate_period');
  const periodChanged = existing && existing.period !== body.period;
  const snapshot = await pairsNow();
  if (!Object.keys(snapshot.pairs).length) throw new BadRequest('No community is paired with a department yet', [{ path: 'body', reason: 'pair communities with departments first' }]);
  const round: RoundItem = { id: roundId, title: body.title, period: body.period, opensAt: body.opensAt, closesAt: body.closesAt, criteria, ...snapshot, createdAt: existing?.createdAt ?? new Date(now).toISOString() };
  try {
    await ddb.send(new TransactWriteCommand({ TransactItems: [
      {
        Put: {
          TableName: tableName(), Item: { ...keys.evalRound(roundId), et: 'eval-round', ...round },
          ConditionExpression: existing ? 'opensAt = :was AND opensAt > :now' : 'attribute_not_exists(pk)',
          ...(existing ? { ExpressionAttributeValues: { ':was': existing.opensAt, ':now': new Date(now).toISOString() } } : {}),
        },
      },
      // The half-year's one round: two set up at once for one half-year cannot both be stored.
      { Put: { TableName: tableName(), Item: { ...keys.evalPeriod(body.period), et: 'eval-period', roundId }, ConditionExpression: 'attribute_not_exists(pk) OR roundId = :id', ExpressionAttributeValues: { ':id': roundId } } },
      ...(periodChanged ? [{ Delete: { TableName: tableName(), Key: keys.evalPeriod(existing.period), ConditionExpression: 'roundId = :id', ExpressionAttributeValues: { ':id': roundId } } }] : []),
      auditPut(principal, { action: existing ? 'evaluation-round.update' : 'evaluation-round.create', target: `evaluation-round:${roundId}`, after: { title: round.title, period: round.period, opensAt: round.opensAt, closesAt: round.closesAt, criteria: criteria.map((c) => c.code), pairs: pairCount(round) } }),
    ] }));
  } catch (error) {
    if (error instanceof TransactionCanceledException) {
      if (error.CancellationReasons?.[1]?.Code === 'ConditionalCheckFailed') throw new Conflict('Another round already covers this half-year', 'duplicate_period');
      throw new Conflict('Someone changed this round meanwhile; reload', 'changed_meanwhile');
    }
    throw error;
  }
  return { round, created: !existing };
}

/** Closes an open round now (before its closing time). */
export async function closeRound(roundId: string, principal: Principal): Promise<RoundItem> {
  const round = await mustGetRound(roundId, true);
  const now = new Date();
  if (roundState(round, now.getTime()) !== 'open') throw new Conflict('Only an open round can be closed', 'not_open');
  try {
    await ddb.send(new TransactWriteCommand({ TransactItems: [
      { Update: { TableName: tableName(), Key: keys.evalRound(roundId), UpdateExpression: 'SET closesAt = :now, closedEarlyAt = :now', ConditionExpression: 'closesAt = :was', ExpressionAttributeValues: { ':now': now.toISOString(), ':was': round.closesAt } } },
      auditPut(principal, { action: 'evaluation-round.close', target: `evaluation-round:${roundId}`, before: { closesAt: round.closesAt }, after: { closesAt: now.toISOString() } }, now),
    ] }));
  } catch (error) {
    if (error instanceof TransactionCanceledException) throw new Conflict('Someone changed this round meanwhile; reload', 'changed_meanwhile');
    throw error;
  }
  return { ...round, closesAt: now.toISOString() };
}

/** The round's summary as lists show it. */
export function roundSummary(r: RoundItem, now = Date.now()) {
  return { id: r.id, title: r.title, period: r.period, opensAt: r.opensAt, closesAt: r.closesAt, state: roundState(r, now), publishedVersion: r.publishedVersion ?? null, pairs: pairCount(r), communities: Object.keys(r.pairs).length, departments: r.departments.length, criteria: r.criteria };
}
