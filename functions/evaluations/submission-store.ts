// A community's evaluation of a paired department: one per pair per round, the key being the
// rule; stored with an outbox event in one transaction (the live figures follow through the
// queue). A retry of the same submission (same page key) gets the stored one back; any other
// second submission is refused with 409.
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { Principal } from '../../shared/access.ts';
import { BadRequest, Conflict, Forbidden, NotFound } from '../../shared/errors.ts';
import { scoreProblems } from '../../shared/evaluations/criteria.ts';
import type { EvaluationBody, ExclusionBody } from '../../shared/evaluations/schemas.ts';
import { ddb, tableName } from '../lib/clients.ts';
import { keys } from '../lib/keys.ts';
import { outboxPut } from '../lib/outbox.ts';
import { auditPut } from '../lib/audit.ts';
import { queryAll } from '../lib/query.ts';
import { mustGetRound, roundState, type RoundItem } from './round-store.ts';

type Staff = Extract<Principal, { kind: 'staff' }>;

export interface EvaluationItem {
  roundId: string;
  communityId: string;
  departmentId: string;
  scores: Record<string, number>;
  comment: string;
  submittedAt: string;
  /** Who submitted it (the sign-in's subject; never shown with the result). */
  by: string;
  requestKey: string;
  excluded?: boolean;
  exclusionReason?: string;
}

/** What the community that wrote it sees of an evaluation. */
export const evaluationView = (e: EvaluationItem) => ({ departmentId: e.departmentId, scores: e.scores, comment: e.comment, submittedAt: e.submittedAt, excluded: e.excluded ?? false });

export async function getEvaluation(roundId: string, communityId: string, departmentId: string): Promise<EvaluationItem | null> {
  const { Item } = await ddb.send(new GetCommand({ TableName: tableName(), Key: keys.evaluation(roundId, communityId, departmentId), ConsistentRead: true }));
  return (Item as EvaluationItem | undefined) ?? null;
}

export async function roundEvaluations(roundId: string, communityId?: string): Promise<EvaluationItem[]> {
  return queryAll<EvaluationItem>(keys.evaluationsPk(roundId), { skPrefix: communityId ? `PAIR#${communityId}#` : 'PAIR#', consistent: true });
}

export async function submitEvaluation(roundId: string, body: EvaluationBody, principal: Staff): Promise<{ evaluation: ReturnType<typeof evaluationView>; created: boolean }> {
  const round = await mustGetRound(roundId, true);
  const communityId = principal.scopeId;
  const again = async () => {
    const stored = await getEvaluation(roundId, communityId, body.departmentId);
    if (!stored) return null;
    if (stored.requestKey === body.idempotencyKey) return { evaluation: evaluationView(stored), created: false };
    throw new Conflict(`This community already evaluated this department in this round (${stored.submittedAt})`, 'already_evaluated');
  };
  if (!(round.pairs[communityId] ?? []).includes(body.departmentId)) throw new Forbidden('Your community is not paired with this department in this round');
  const now = new Date();
  const state = roundState(round, now.getTime());
  if (state !== 'open') {
    const done = await again();
    if (done) return done;
    throw new Conflict(state === 'scheduled' ? `The round opens at ${round.opensAt}` : `The round closed at ${round.closesAt}`, state === 'scheduled' ? 'round_not_open' : 'round_closed');
  }
  const problems = scoreProblems(round.criteria, body.scores);
  if (problems.length) throw new BadRequest('Some scores are missing or not asked', problems);
  const item: EvaluationItem = { roundId, communityId, departmentId: body.departmentId, scores: body.scores, comment: body.comment.trim(), submittedAt: now.toISOString(), by: principal.sub, requestKey: body.idempotencyKey };
  const event = outboxPut({ queue: 'evaluation-events', body: { type: 'evaluation.submitted', v: 1, roundId, communityId, departmentId: body.departmentId } });
  try {
    await ddb.send(new TransactWriteCommand({ TransactItems: [
      // Still open at this instant (a round closed early meanwhile takes nothing more).
      { ConditionCheck: { TableName: tableName(), Key: keys.evalRound(roundId), ConditionExpression: 'opensAt <= :now AND closesAt > :now', ExpressionAttributeValues: { ':now': item.submittedAt } } },
      { Put: { TableName: tableName(), Item: { ...keys.evaluation(roundId, communityId, body.departmentId), et: 'evaluation', ...item }, ConditionExpression: 'attribute_not_exists(pk)' } },
      event.item,
      auditPut(principal, { action: 'evaluation.submit', target: `evaluation:${roundId}:${communityId}:${body.departmentId}`, after: { scores: body.scores } }, now),
    ] }));
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const done = await again();
    if (done) return done;
    throw new Conflict(`The round closed at ${(await mustGetRound(roundId, true)).closesAt}`, 'round_closed');
  }
  return { evaluation: evaluationView(item), created: true };
}

/** The organisation department sets an evaluation aside (a mistake, a rating of the wrong department) or puts it back. */
export async function setExclusion(roundId: string, communityId: string, departmentId: string, body: ExclusionBody, principal: Staff): Promise<ReturnType<typeof evaluationView>> {
  const stored = await getEvaluation(roundId, communityId, departmentId);
  if (!stored) throw new NotFound('Evaluation');
  if ((stored.excluded ?? false) === body.exclude) throw new Conflict(body.exclude ? 'This evaluation is already set aside' : 'This evaluation already counts', 'unchanged');
  const event = outboxPut({ queue: 'evaluation-events', body: { type: body.exclude ? 'evaluation.excluded' : 'evaluation.reinstated', v: 1, roundId, communityId, departmentId } });
  try {
    await ddb.send(new TransactWriteCommand({ TransactItems: [
      {
        Update: {
          TableName: tableName(), Key: keys.evaluation(roundId, communityId, departmentId),
          UpdateExpression: 'SET excluded = :x, exclusionReason = :r',
          ConditionExpression: body.exclude ? 'attribute_not_exists(excluded) OR excluded = :f' : 'excluded = :t',
          ExpressionAttributeValues: { ':x': body.exclude, ':r': body.reason, ...(body.exclude ? { ':f': false } : { ':t': true }) },
        },
      },
      event.item,
      auditPut(principal, { action: body.exclude ? 'evaluation.exclude' : 'evaluation.reinstate', target: `evaluation:${roundId}:${communityId}:${departmentId}`, after: { reason: body.reason } }),
    ] }));
  } catch (error) {
    if (error instanceof TransactionCanceledException) throw new Conflict('Someone changed this evaluation meanwhile; reload', 'changed_meanwhile');
    throw error;
  }
  return evaluationView({ ...stored, excluded: body.exclude, exclusionReason: body.reason });
}

/** A community's evaluation form: the rounds it takes part in, each paired department and whether it is done. */
export async function communityForm(principal: Staff, rounds: RoundItem[], departmentNames: Map<string, string>) {
  const mine = rounds.filter((r) => r.pairs[principal.scopeId] && roundState(r) !== 'scheduled');
  return Promise.all(mine.map(async (r) => {
    const done = new Map((await roundEvaluations(r.id, principal.scopeId)).map((e) => [e.departmentId, e]));
    return {
      round: { id: r.id, title: r.title, period: r.period, opensAt: r.opensAt, closesAt: r.closesAt, state: roundState(r), criteria: r.criteria },
      departments: r.pairs[principal.scopeId]!.map((id) => {
        const e = done.get(id);
        return { id, name: r.departments.find((d) => d.id === id)?.name ?? departmentNames.get(id) ?? id, evaluation: e ? evaluationView(e) : null };
      }),
    };
  }));
}
