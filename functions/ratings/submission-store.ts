// Household submissions. The stored submission is the record: it is written with a
// condition on its deterministic key (one per household per campaign) and the campaign's
// open window, together with its event, before the household hears "submitted".
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { Principal } from '../../shared/access.ts';
import { BadRequest, Conflict, DomainError, Forbidden, NotFound } from '../../shared/errors.ts';
import { answerProblems } from '../../shared/ratings/questionnaire.ts';
import type { RatingReceipt, RatingSubmissionBody } from '../../shared/ratings/submission.ts';
import { maskNumbers } from '../../shared/privacy.ts';
import { ddb, tableName } from '../lib/clients.ts';
import { keys } from '../lib/keys.ts';
import { newId } from '../lib/ids.ts';
import { outboxPut } from '../lib/outbox.ts';
import { auditPut } from '../lib/audit.ts';
import { CodeReplaced, codeRefused, spendCodeWrites } from '../auth/code-spend.ts';
import { campaignState, getCampaign, getCampaignCompound } from './campaign-store.ts';
import type { CampaignCompoundItem, CampaignItem, SubmissionItem } from './model.ts';

type Resident = Extract<Principal, { kind: 'resident' }>;

async function residentCampaign(principal: Resident): Promise<{ campaign: CampaignItem; compound: CampaignCompoundItem }> {
  if (principal.purpose.kind !== 'rating') throw new Forbidden('This sign-in is not for a rating');
  const campaign = await getCampaign(principal.purpose.id);
  if (!campaign || !campaign.compoundIds.includes(principal.compoundId)) throw new NotFound('Rating campaign for this household');
  const compound = await getCampaignCompound(campaign.id, principal.compoundId);
  if (!compound) throw new NotFound('Rating campaign for this household');
  return { campaign, compound };
}

function receiptOf(s: SubmissionItem, campaign: CampaignItem, compound: CampaignCompoundItem): RatingReceipt {
  return { receiptId: s.receiptId, submittedAt: s.submittedAt, campaignTitle: campaign.title, compoundName: compound.name, building: s.building, unit: s.unit };
}

async function storedSubmission(campaignId: string, compoundId: string, building: string, unit: string): Promise<SubmissionItem | undefined> {
  const { Item } = await ddb.send(new GetCommand({ TableName: tableName(), Key: keys.ratingSubmission(campaignId, compoundId, building, unit), ConsistentRead: true }));
  return Item as SubmissionItem | undefined;
}

/** What the rating page needs: the questions for this household, or its receipt. */
export async function ratingForm(principal: Resident) {
  const { campaign, compound } = await residentCampaign(principal);
  const stored = await storedSubmission(campaign.id, compound.compoundId, principal.building, principal.unit);
  return {
    campaign: { id: campaign.id, title: campaign.title, period: campaign.period, issuer: campaign.issuer, opensAt: campaign.opensAt, closesAt: campaign.closesAt, state: campaignState(campaign) },
    compound: { id: compound.compoundId, name: compound.name, company: compound.companyName },
    building: principal.building,
    unit: principal.unit,
    questionsRev: campaign.qrev,
    serviceItems: compound.serviceItems,
    questionnaire: campaign.questionnaire,
    receipt: stored ? receiptOf(stored, campaign, compound) : null,
  };
}

export class AlreadySubmitted extends DomainError {
  constructor(readonly submittedAt: string) {
    super(409, 'already_submitted', `This household already rated in this campaign, at ${submittedAt}`, [{ path: 'body', reason: `submitted at ${submittedAt}` }]);
  }
}

export async function submitRating(principal: Resident, body: RatingSubmissionBody): Promise<{ receipt: RatingReceipt; created: boolean }> {
  const { campaign, compound } = await residentCampaign(principal);
  const now = new Date();
  const nowIso = now.toISOString();
  const key = keys.ratingSubmission(campaign.id, compound.compoundId, principal.building, principal.unit);
  const previous = async () => {
    const stored = await storedSubmission(campaign.id, compound.compoundId, principal.building, principal.unit);
    if (!stored) return null;
    // The same draft sent again (a retry after a lost answer) gets the same receipt.
    if (stored.idempotencyKey === body.idempotencyKey) return { receipt: receiptOf(stored, campaign, compound), created: false };
    throw new AlreadySubmitted(stored.submittedAt);
  };
  const state = campaignState(campaign, now.getTime());
  if (state !== 'open') {
    const again = await previous();
    if (again) return again;
    throw new Conflict(state === 'scheduled' ? `The rating opens at ${campaign.opensAt}` : `The rating closed at ${campaign.closesAt}`, state === 'scheduled' ? 'campaign_not_open' : 'campaign_closed');
  }
  if (body.questionsRev !== campaign.qrev) throw new Conflict('The questions changed; reload the form', 'questions_changed');
  const problems = answerProblems(campaign.questionnaire, compound.serviceItems, body);
  if (problems.length) throw new BadRequest('Some answers are missing or not allowed', problems);
  const item: SubmissionItem = {
    et: 'rating', campaignId: campaign.id, compoundId: compound.compoundId, building: principal.building, unit: principal.unit,
    contract: body.contract, scores: body.scores, overall: body.overall, ...(body.suggestion?.trim() ? { suggestion: body.suggestion.trim() } : {}),
    idempotencyKey: body.idempotencyKey, receiptId: newId(now.getTime()).slice(-10).toUpperCase(), submittedAt: nowIso, qrev: campaign.qrev,
  };
  const event = outboxPut({ queue: 'rating-events', body: { type: 'rating.submitted', v: 1, campaignId: campaign.id, compoundId: compound.compoundId, building: principal.building, unit: principal.unit } });
  const write = () => ddb.send(new TransactWriteCommand({ TransactItems: [
    // The campaign as the form showed it, and still open at this instant.
    { ConditionCheck: { TableName: tableName(), Key: keys.campaign(campaign.id), ConditionExpression: 'opensAt <= :now AND closesAt > :now AND qrev = :qrev', ExpressionAttributeValues: { ':now': nowIso, ':qrev': body.questionsRev } } },
    { Put: { TableName: tableName(), Item: { ...key, ...item }, ConditionExpression: 'attribute_not_exists(pk)' } },
    event.item,
    // The household code is spent by the rating it was issued for.
    ...spendCodeWrites(principal, nowIso),
  ] }));
  try {
    // Every rating checks the campaign item, so households rating at the same moment meet in
    // DynamoDB's transaction conflicts: retried here, with jitter, before "send again" is said.
    for (let attempt = 0; ; attempt++) {
      try {
        await write();
        break;
      } catch (error) {
        const reasons = error instanceof TransactionCanceledException ? error.CancellationReasons ?? [] : [];
        const conflictOnly = reasons.some((r) => r.Code === 'TransactionConflict') && !reasons.some((r) => r.Code === 'ConditionalCheckFailed');
        if (!conflictOnly || attempt >= 6) throw error;
        await new Promise((r) => setTimeout(r, 20 * 2 ** attempt * Math.random()));
      }
    }
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const reasons = error.CancellationReasons ?? [];
    if (reasons[1]?.Code === 'ConditionalCheckFailed') {
      const again = await previous();
      if (again) return again;
    }
    if (codeRefused(reasons, 3)) throw new CodeReplaced();
    if (reasons[0]?.Code === 'ConditionalCheckFailed') {
      const fresh = await getCampaign(campaign.id, true);
      if (fresh && fresh.qrev !== body.questionsRev) throw new Conflict('The questions changed; reload the form', 'questions_changed');
      throw new Conflict(`The rating closed at ${fresh?.closesAt ?? campaign.closesAt}`, 'campaign_closed');
    }
    throw new Conflict('Please send again', 'retry');
  }
  return { receipt: receiptOf(item, campaign, compound), created: true };
}

/** Suggestions may carry a phone or ID number in any spelling; staff see them with those masked (maskNumbers). */
export function maskSuggestion(text: string): string {
  return maskNumbers(text);
}

/** One submission as review shows it: what the household answered, suggestion masked. */
export function reviewRow(s: SubmissionItem) {
  return {
    building: s.building, unit: s.unit, submittedAt: s.submittedAt, receiptId: s.receiptId,
    contract: s.contract, scores: s.scores, overall: s.overall, suggestion: s.suggestion ? maskSuggestion(s.suggestion) : null,
    excluded: s.excludedAt ? { at: s.excludedAt, reason: s.excludedReason ?? '' } : null,
  };
}

/** Takes a submission out of (or back into) the figures, with a reason, audited. */
export async function setExcluded(campaignId: string, compoundId: string, body: { building: string; unit: string; reason: string; exclude: boolean }, principal: Principal) {
  const campaign = await getCampaign(campaignId);
  if (!campaign || !campaign.compoundIds.includes(compoundId)) throw new NotFound('Campaign compound');
  const key = keys.ratingSubmission(campaignId, compoundId, body.building, body.unit);
  const now = new Date();
  const event = outboxPut({ queue: 'rating-events', body: { type: body.exclude ? 'rating.excluded' : 'rating.reinstated', v: 1, campaignId, compoundId, building: body.building, unit: body.unit } });
  const update = body.exclude
    ? { UpdateExpression: 'SET excludedAt = :now, excludedReason = :reason, excludedBy = :by', ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(excludedAt)' }
    : { UpdateExpression: 'REMOVE excludedAt, excludedReason, excludedBy', ConditionExpression: 'attribute_exists(pk) AND attribute_exists(excludedAt)' };
  try {
    await ddb.send(new TransactWriteCommand({ TransactItems: [
      { Update: { TableName: tableName(), Key: key, ...update, ExpressionAttributeValues: body.exclude ? { ':now': now.toISOString(), ':reason': body.reason, ':by': principal.kind === 'staff' ? principal.sub : 'unknown' } : undefined } },
      auditPut(principal, { action: body.exclude ? 'rating.exclude' : 'rating.reinstate', target: `campaign:${campaignId}:${compoundId}`, after: { building: body.building, unit: body.unit, reason: body.reason } }, now),
      event.item,
    ] }));
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const stored = await storedSubmission(campaignId, compoundId, body.building, body.unit);
    if (!stored) throw new NotFound('Submission');
    throw new Conflict(body.exclude ? 'The submission is already excluded' : 'The submission is not excluded', 'unchanged');
  }
  return { building: body.building, unit: body.unit, excluded: body.exclude, reason: body.reason, at: now.toISOString() };
}
