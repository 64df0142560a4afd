// A person takes one step on a case: checked (who may, the lifecycle's rules, the revision they
// saw), then stored with its timeline entry, its audit entry and its event, or refused with
// nothing written.
import { applyStep, type Refusal, type Step } from '../../shared/appeals/lifecycle.ts';
import { cardAt } from '../../shared/appeals/deadlines.ts';
import { mayTake, unitKey, unitOf } from '../../shared/appeals/permissions.ts';
import type { StepRequest } from '../../shared/appeals/schemas.ts';
import type { Principal } from '../../shared/access.ts';
import { BadRequest, Conflict, DomainError, Forbidden, NotFound } from '../../shared/errors.ts';
import { auditPut } from '../lib/audit.ts';
import { tableName } from '../lib/clients.ts';
import { keys } from '../lib/keys.ts';
import { commitCase, ExtraRefused, readCase, summaryOf, type CaseRecord, type TimelineStep, type TransactItem } from './case-record.ts';
import { unitExists } from './routing-store.ts';
import { appealsSettings } from './settings.ts';
import { limitsFor } from '../../shared/appeals/settings.ts';

type Staff = Extract<Principal, { kind: 'staff' }>;

const REFUSALS: Record<Refusal, string> = {
  wrong_state: 'This step cannot be taken in the case’s present state',
  return_too_late: 'A case can be returned only within 2 working days of its dispatch',
  designated: 'The centre designated this unit after a return; it cannot be returned again',
  extension_too_long: 'Extensions add up to at most 10 working days',
  extension_pending: 'An extension is already waiting for the centre’s decision',
  no_extension: 'No extension is waiting for a decision',
  reason_required: 'Give a reason',
  out_of_order: 'This step is earlier than the case’s last step',
};

export async function takeStep(caseId: string, request: StepRequest, principal: Staff, now = new Date()): Promise<ReturnType<typeof summaryOf>> {
  const prev = await readCase(caseId);
  if (!prev) throw new NotFound('Case');
  const body = request.step;
  if (!mayTake(principal, { unit: prev.unit, communityId: prev.place.communityId, streetId: prev.place.streetId }, body.kind)) {
    throw new Forbidden(principal.role === 'dispatcher' ? 'Only the unit in charge takes this step' : 'This step is the hotline centre’s, or the case is not your unit’s');
  }
  if (request.rev !== prev.rev) throw new Conflict('The case changed since you opened it; reload it and try again', 'stale_revision');
  const at = now.toISOString();
  const settings = appealsSettings();
  const { calendar } = settings;
  const extra: TransactItem[] = [];
  let mergeTarget: CaseRecord | null = null;
  let step: Step;
  switch (body.kind) {
    case 'dispatch':
      if (!(await unitExists(body.unit))) throw new BadRequest('No such unit', [{ path: 'body.step.unit', reason: 'no such unit' }]);
      step = { kind: 'dispatch', at, unitId: unitKey(body.unit) };
      break;
    case 'merge': {
      if (prev.mergedFrom?.length) throw new BadRequest('Other cases were merged into this one: merge those into the target instead', [{ path: 'body.step.into', reason: 'this case has cases merged into it' }]);
      if (body.into === caseId) throw new BadRequest('A case cannot be merged into itself', [{ path: 'body.step.into', reason: 'must be another case' }]);
      const target = (mergeTarget = await readCase(body.into));
      if (!target) throw new BadRequest('No such case', [{ path: 'body.step.into', reason: 'no such case' }]);
      if (target.view.state === 'merged' || target.view.state === 'invalid') throw new BadRequest('That case was merged or marked invalid itself', [{ path: 'body.step.into', reason: 'must be a valid case' }]);
      // The target records what joined it (so it is not itself merged away later, which would
      // chain), with a step on its own timeline; under its revision, so a concurrent step waits.
      extra.push(
        { Update: { TableName: tableName(), Key: keys.appealCase(target.id), UpdateExpression: 'SET mergedFrom = list_append(if_not_exists(mergedFrom, :none), :src), rev = :next', ConditionExpression: 'rev = :rev', ExpressionAttributeValues: { ':rev': target.rev, ':next': target.rev + 1, ':src': [caseId], ':none': [] } } },
        { Put: { TableName: tableName(), Item: { ...keys.appealStep(target.id, target.rev + 1), et: 'appeal-step', caseId: target.id, rev: target.rev + 1, kind: 'merged_in', at, by: { role: principal.role, unit: null, sub: principal.sub, name: principal.name }, detail: { from: caseId } } } },
      );
      step = { kind: 'merge', at, into: body.into };
      break;
    }
    case 'return': step = { kind: 'return', at, reason: body.reason }; break;
    case 'ask_extension': step = { kind: 'ask_extension', at, days: body.days, reason: body.reason }; break;
    case 'decide_extension': step = { kind: 'decide_extension', at, approve: body.approve }; break;
    case 'follow_up': step = { kind: 'follow_up', at, solved: body.solved, satisfaction: body.satisfaction }; break;
    case 'supervise': step = { kind: 'supervise', at, escalate: body.escalate }; break;
    case 'invalidate': step = { kind: 'invalidate', at, reason: body.reason }; break;
    default: step = { kind: body.kind, at };
  }
  const result = applyStep(prev.view, step, limitsFor(settings, prev), calendar);
  if ('refused' in result) throw new DomainError(409, result.refused, REFUSALS[result.refused], [{ path: 'body.step.kind', reason: result.refused }]);
  const unit = body.kind === 'dispatch' ? body.unit : result.state === 'returned' ? null : prev.unit;
  // A unit that returned a case is no longer what routing should suggest for it.
  const suggestion = body.kind === 'return' && prev.suggestion && prev.unit && unitKey(prev.suggestion.unit) === unitKey(prev.unit) ? null : prev.suggestion;
  const next: CaseRecord = {
    ...prev, rev: prev.rev + 1, updatedAt: at, view: result, unit, suggestion,
    // A new deadline (extension, rework) can take a card back; a case past it keeps red.
    card: cardAt(result.replyDue, now.getTime()),
    unknownYears: [...new Set([...prev.unknownYears, ...result.replyDue.unknownYears])].sort(),
  };
  const { kind: _k, ...given } = body;
  // What the step decided, kept with it: the platform hears this, whatever comes later.
  const detail: Record<string, unknown> = { ...given };
  if (body.kind === 'decide_extension' && body.approve) Object.assign(detail, { days: prev.view.extension?.days, reason: prev.view.extension?.reason, due: result.replyDue.due });
  if (body.kind === 'close') detail.satisfaction = result.followUp?.satisfaction;
  if (body.kind === 'merge') detail.intoOrderNo = mergeTarget?.order?.no;
  const entry: TimelineStep = { kind: body.kind, at, by: { role: principal.role, unit: unitOf(principal), sub: principal.sub, name: principal.name }, detail };
  extra.push(auditPut(principal, { action: `appeal.${body.kind}`, target: `case:${caseId}`, before: { state: prev.view.state, unit: prev.unit }, after: { state: next.view.state, unit: next.unit, ...detail } }, now));
  try {
    await commitCase(prev, next, entry, extra);
  } catch (error) {
    if (error instanceof ExtraRefused) throw new Conflict('The case to merge into changed meanwhile; reload and try again', 'stale_revision');
    throw error;
  }
  return summaryOf(next);
}
