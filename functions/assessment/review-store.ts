// Cross review (交叉互评) at the quarterly exchange: each community scores the others of its class
// (never itself, never another class), once per quarter; the scores are frozen with the quarter.
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { Principal } from '../../shared/access.ts';
import { BadRequest, Conflict } from '../../shared/errors.ts';
import type { ReviewBody } from '../../shared/assessment/schemas.ts';
import { ddb, tableName } from '../lib/clients.ts';
import { keys } from '../lib/keys.ts';
import { queryAll } from '../lib/query.ts';
import { auditPut } from '../lib/audit.ts';
import { classesFor } from './class-store.ts';
import { latestFrozenVersion } from './entries-store.ts';
import { previousQuarter, quarterOf } from '../../shared/assessment/quarter.ts';

type Staff = Extract<Principal, { kind: 'staff' }>;
export interface ReviewItem { quarter: string; from: string; scores: Record<string, number>; submittedAt: string }

export async function quarterReviews(quarter: string): Promise<ReviewItem[]> {
  return queryAll<ReviewItem>(keys.crossReviewsPk(quarter), { skPrefix: 'FROM#', consistent: true });
}

/** Who the caller's community reviews this quarter, and whether it has. */
export async function reviewForm(quarter: string, principal: Staff) {
  const [rows, reviews, frozen] = await Promise.all([classesFor(quarter.slice(0, 4)), quarterReviews(quarter), latestFrozenVersion(quarter)]);
  const me = rows.find((r) => r.communityId === principal.scopeId);
  if (!me) return { quarter, class: null, frozen: frozen !== null, communities: [], submitted: null };
  const mine = reviews.find((r) => r.from === principal.scopeId) ?? null;
  return {
    quarter, class: me.class, frozen: frozen !== null,
    communities: rows.filter((r) => r.class === me.class && r.communityId !== me.communityId).map((r) => ({ id: r.communityId, name: r.name })),
    submitted: mine ? { scores: mine.scores, submittedAt: mine.submittedAt } : null,
  };
}

export async function submitReview(quarter: string, body: ReviewBody, principal: Staff): Promise<ReviewItem> {
  const now = quarterOf(Date.now());
  // At the quarterly exchange: for the quarter under way or the one just ended, never years back or ahead.
  if (quarter !== now && quarter !== previousQuarter(now)) throw new Conflict(`Cross review is open for ${previousQuarter(now)} and ${now} only`, 'review_closed');
  const form = await reviewForm(quarter, principal);
  if (form.frozen) throw new Conflict('The quarter is frozen: cross review is over', 'frozen');
  const peers = new Set(form.communities.map((c) => c.id));
  const fields = Object.keys(body.scores).flatMap((id) => (id === principal.scopeId
    ? [{ path: `body.scores.${id}`, reason: 'a community does not score itself' }]
    : peers.has(id) ? [] : [{ path: `body.scores.${id}`, reason: 'not a community of your class' }]));
  if (!Object.keys(body.scores).length) fields.push({ path: 'body.scores', reason: 'score at least one community of your class' });
  if (fields.length) throw new BadRequest('Some scores are not allowed', fields);
  const item: ReviewItem = { quarter, from: principal.scopeId, scores: body.scores, submittedAt: new Date().toISOString() };
  try {
    await ddb.send(new TransactWriteCommand({ TransactItems: [
      { Put: { TableName: tableName(), Item: { ...keys.crossReview(quarter, principal.scopeId), et: 'cross-review', ...item }, ConditionExpression: 'attribute_not_exists(pk)' } },
      auditPut(principal, { action: 'cross-review.submit', target: `community:${principal.scopeId}`, after: { quarter, scored: Object.keys(body.scores).length } }),
    ] }));
  } catch (error) {
    if (error instanceof TransactionCanceledException) throw new Conflict('Your community already sent its cross review for this quarter', 'already_reviewed');
    throw error;
  }
  return item;
}
