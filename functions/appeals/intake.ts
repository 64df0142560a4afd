// A new appeal, from any channel, becomes one case: where it happened, which category of the
// district's catalogue, which unit routing suggests, its deadlines. 12345 work orders are
// idempotent by 工单编号 and revision: the same order again changes nothing and answers the
// same, a later revision updates the case, an older one never overwrites a newer one.
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { newCase } from '../../shared/appeals/lifecycle.ts';
import { cardAt, hoursDeadline, workingDaysDeadline, type Deadline } from '../../shared/appeals/deadlines.ts';
import { route, type UnitRef } from '../../shared/appeals/routing.ts';
import type { WorkOrder } from '../../shared/appeals/schemas.ts';
import type { AppealType } from '../../shared/appeals/types.ts';
import { normalizePhone } from '../../shared/privacy.ts';
import { BadRequest, Conflict } from '../../shared/errors.ts';
import { ddb, tableName } from '../lib/clients.ts';
import { keys } from '../lib/keys.ts';
import { newId } from '../lib/ids.ts';
import { logger } from '../lib/logger.ts';
import { CaseChanged, commitCase, ExtraRefused, isOpen, readCase, type CasePlace, type CaseRecord, type Channel, type TimelineStep, type TransactItem } from './case-record.ts';
import { categoryOf, departments, placeForRouting, placeOfAddress, readRouting } from './routing-store.ts';
import { appealsSettings } from './settings.ts';
import { limitsFor } from '../../shared/appeals/settings.ts';

/** Nonces are kept well past the ±5 minute window in which a signed request is accepted. */
const NONCE_TTL_S = 15 * 60;

export interface NewAppeal {
  channel: Channel;
  type: AppealType;
  categoryWord: string;
  content: string;
  address: string;
  /** A place picked from the structure; otherwise found from the address. */
  place?: CasePlace;
  phone: string;
  urgency: 'normal' | 'urgent';
  enterprise: boolean;
  receivedAt: string;
  order?: CaseRecord['order'];
}

async function suggestionFor(categoryCode: string | null, place: CasePlace, requiredUnit: string | undefined): Promise<CaseRecord['suggestion']> {
  if (requiredUnit) {
    const dep = (await departments()).find((d) => d.platformCode === requiredUnit || d.name === requiredUnit);
    if (dep) return { unit: { kind: 'department', id: dep.id }, why: 'required' };
  }
  if (!categoryCode) return null;
  const routed = route((await readRouting()).rules, categoryCode, placeForRouting(place));
  return routed ? { unit: routed.unit as UnitRef, why: 'rule' } : null;
}

/** The case a new appeal becomes (not yet stored). */
export async function caseOf(given: NewAppeal, now = new Date()): Promise<CaseRecord> {
  // Stored in UTC whatever zone it came in (times are compared and sorted as text), and never
  // later than now: a platform clock a few minutes ahead must not hold the case's first steps back.
  const a = { ...given, receivedAt: new Date(Math.min(Date.parse(given.receivedAt), now.getTime())).toISOString() };
  const settings = appealsSettings();
  const routing = await readRouting();
  const category = categoryOf(routing, a.categoryWord);
  const limits = limitsFor(settings, { enterprise: a.enterprise, type: a.type, category: category?.code ?? null });
  const place = a.place ?? (await placeOfAddress(a.address));
  const view = newCase(a.receivedAt, limits, settings.calendar);
  if (a.order?.platformDeadline && a.order.platformDeadline < view.replyDue.due) view.replyDue = platformDue(a.receivedAt, a.order.platformDeadline);
  const contactDue = limits.contactHours ? hoursDeadline(a.receivedAt, limits.contactHours).due : view.replyDue.due;
  if (view.replyDue.unknownYears.length) logger.warn('deadline counted without an official calendar', { unknownYears: view.replyDue.unknownYears });
  const at = now.toISOString();
  return {
    id: newId(now.getTime()), rev: 1, channel: a.channel, type: a.type,
    category: category?.code ?? null, categoryName: category?.name ?? a.categoryWord,
    content: a.content, address: a.address, place, urgency: a.urgency, enterprise: a.enterprise, order: a.order,
    suggestion: await suggestionFor(category?.code ?? null, place, a.order?.requiredUnit),
    unit: null, view, card: cardAt(view.replyDue, now.getTime()), contactDue, unknownYears: view.replyDue.unknownYears,
    positions: [], createdAt: at, updatedAt: at,
  };
}

/** The platform's own deadline, when earlier than the district's: warned at 80% of it. */
function platformDue(receivedAt: string, due: string): Deadline {
  const start = Date.parse(receivedAt);
  const end = Date.parse(due);
  return { due: new Date(end).toISOString(), warnAt: new Date(start + Math.floor((end - start) * 0.8)).toISOString(), unknownYears: [] };
}

const callerPut = (caseId: string, phone: string): TransactItem => ({ Put: { TableName: tableName(), Item: { ...keys.appealCaller(caseId), et: 'appeal-caller', phone: normalizePhone(phone) } } });

const noncePut = (nonce: string): TransactItem => ({
  Put: { TableName: tableName(), Item: { ...keys.webhookNonce(nonce), et: 'nonce', ttl: Math.floor(Date.now() / 1000) + NONCE_TTL_S }, ConditionExpression: 'attribute_not_exists(pk)' },
});

export class Replayed extends Conflict {
  constructor() {
    super('This request was sent before (its nonce was seen); sign each request afresh', 'replayed');
  }
}

async function spendNonce(nonce: string): Promise<void> {
  try {
    await ddb.send(new PutCommand(noncePut(nonce).Put as never));
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new Replayed();
    throw error;
  }
}

export interface WebhookAnswer { caseId: string; orderNo: string; revision: number }

/** Checks a work order's times against the clock: a 受理时间 in the future or a deadline before it is the platform's mistake, refused. */
function timeProblems(order: WorkOrder, now: number) {
  const fields: { path: string; reason: string }[] = [];
  const received = Date.parse(order.receivedAt);
  if (received > now + 5 * 60_000) fields.push({ path: 'body.receivedAt', reason: 'must not be in the future' });
  if (received < now - 366 * 86_400_000) fields.push({ path: 'body.receivedAt', reason: 'must be within the last year' });
  if (order.platformDeadline && Date.parse(order.platformDeadline) <= received) fields.push({ path: 'body.platformDeadline', reason: 'must be after receivedAt' });
  return fields;
}

/**
 * Stores a signed work order as a case (or a revision of one) together with its nonce, and
 * answers only once it is stored. Safe to receive many times at once: the order's index item
 * is written under a condition, so one request creates the case and the others find it.
 */
export async function ingestWorkOrder(order: WorkOrder, nonce: string, now = new Date()): Promise<WebhookAnswer> {
  const problems = timeProblems(order, now.getTime());
  if (problems.length) throw new BadRequest('The work order is not valid', problems, 'validation_failed');
  for (let attempt = 0; ; attempt++) {
    // Most orders are new: the first try writes without reading, and the order index's
    // condition says when it is not.
    const indexed = attempt === 0 ? undefined : (await ddb.send(new GetCommand({ TableName: tableName(), Key: keys.workOrder(order.orderNo), ConsistentRead: true }))).Item;
    try {
      if (!indexed) return await createFromOrder(order, nonce, now);
      if (indexed.revision >= order.revision) {
        // The same order again, or an older revision after a newer: nothing changes.
        await spendNonce(nonce);
        return { caseId: indexed.caseId, orderNo: order.orderNo, revision: indexed.revision };
      }
      return await reviseFromOrder(order, nonce, indexed.caseId, indexed.revision, now);
    } catch (error) {
      const raced = error instanceof CaseChanged || (error instanceof ExtraRefused && !error.failed.includes(NONCE_EXTRA));
      if (error instanceof ExtraRefused && error.failed.includes(NONCE_EXTRA)) throw new Replayed();
      // The order is known already, or another request wrote it meanwhile: read it and go on.
      if (raced && attempt < 8) {
        if (attempt > 0) await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * attempt));
        continue;
      }
      throw error;
    }
  }
}

/** Where the nonce sits among the extra items of an order's write. */
const NONCE_EXTRA = 0;

function orderFields(order: WorkOrder): Pick<NewAppeal, 'type' | 'categoryWord' | 'content' | 'address' | 'phone' | 'urgency' | 'enterprise' | 'receivedAt' | 'order'> {
  return {
    type: order.type, categoryWord: order.category, content: order.content, address: order.address, phone: order.callerPhone,
    urgency: order.urgency, enterprise: order.enterprise, receivedAt: order.receivedAt,
    order: { no: order.orderNo, revision: order.revision, requiredUnit: order.requiredUnit, platformDeadline: order.platformDeadline },
  };
}

async function createFromOrder(order: WorkOrder, nonce: string, now: Date): Promise<WebhookAnswer> {
  const record = await caseOf({ channel: '12345', ...orderFields(order) }, now);
  const step: TimelineStep = { kind: 'received', at: now.toISOString(), by: { role: 'platform' }, detail: { orderNo: order.orderNo, revision: order.revision, due: record.view.replyDue.due } };
  await commitCase(null, record, step, [
    noncePut(nonce),
    { Put: { TableName: tableName(), Item: { ...keys.workOrder(order.orderNo), et: 'work-order', caseId: record.id, revision: order.revision }, ConditionExpression: 'attribute_not_exists(pk)' } },
    callerPut(record.id, order.callerPhone),
  ]);
  return { caseId: record.id, orderNo: order.orderNo, revision: order.revision };
}

async function reviseFromOrder(order: WorkOrder, nonce: string, caseId: string, storedRevision: number, now: Date): Promise<WebhookAnswer> {
  const prev = await readCase(caseId);
  if (!prev) throw new Error(`work order ${order.orderNo} names case ${caseId}, which is missing`);
  // Counted from the receipt the case shows: a revision's 受理时间 does not move it.
  const fresh = await caseOf({ channel: '12345', ...orderFields(order), receivedAt: prev.view.receivedAt, place: undefined }, now);
  // What the platform corrects: the words, the place, the category and the unit it requires.
  // Where the case is in its lifecycle is ours; its routing suggestion follows the correction
  // only while nobody has dispatched it.
  // A correction of what the limits depend on (type, category, enterprise, the platform's own
  // deadline) moves the deadline of a case still in its first handling: counted again from
  // receipt, with any extension already approved. After a reply or a rework the deadline is the
  // lifecycle's own.
  let view = prev.view;
  let contactDue = prev.contactDue;
  if (isOpen(prev) && prev.view.reworks === 0) {
    const base = fresh.view.replyDue;
    const due = prev.view.extendedDays ? workingDaysDeadline(base.due, prev.view.extendedDays, appealsSettings().calendar) : base;
    if (due.due !== prev.view.replyDue.due) view = { ...prev.view, replyDue: due };
    if (!prev.view.contactedAt) contactDue = fresh.contactDue;
  }
  const next: CaseRecord = {
    ...prev, rev: prev.rev + 1, updatedAt: now.toISOString(),
    type: fresh.type, category: fresh.category, categoryName: fresh.categoryName, content: fresh.content, address: fresh.address,
    place: fresh.place, urgency: fresh.urgency, enterprise: fresh.enterprise, order: fresh.order,
    suggestion: prev.unit ? prev.suggestion : fresh.suggestion,
    view, contactDue, card: view === prev.view ? prev.card : cardAt(view.replyDue, now.getTime()), unknownYears: view.replyDue.unknownYears,
  };
  const moved = view !== prev.view ? { dueBefore: prev.view.replyDue.due, due: view.replyDue.due } : {};
  const step: TimelineStep = { kind: 'revised', at: now.toISOString(), by: { role: 'platform' }, detail: { orderNo: order.orderNo, revision: order.revision, ...moved } };
  await commitCase(prev, next, step, [
    noncePut(nonce),
    {
      Put: {
        TableName: tableName(), Item: { ...keys.workOrder(order.orderNo), et: 'work-order', caseId, revision: order.revision },
        ConditionExpression: 'revision = :stored', ExpressionAttributeValues: { ':stored': storedRevision },
      },
    },
    callerPut(caseId, order.callerPhone),
  ]);
  return { caseId, orderNo: order.orderNo, revision: order.revision };
}
