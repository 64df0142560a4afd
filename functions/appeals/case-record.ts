// A case as stored, and the one way it is written: the record with its revision, the step on
// its timeline, and its places in the lists people work from (the centre's queues, the unit's
// work list, the sweep's marks, the month's index), all in one transaction. The lists are
// derived from the record by `positionsOf`, so a write can never leave a list disagreeing
// with its case; no GSI and no scan is needed to find work.
import { GetCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { CaseView } from '../../shared/appeals/lifecycle.ts';
import type { Card } from '../../shared/appeals/deadlines.ts';
import type { UnitRef } from '../../shared/appeals/routing.ts';
import type { AppealType } from '../../shared/appeals/types.ts';
import type { ReportCase } from '../../shared/appeals/monthly-report.ts';
import type { Photo } from '../photos/bucket.ts';
import { beijingDay } from '../../shared/beijing.ts';
import { maskNumbers } from '../../shared/privacy.ts';
import { unitKey } from '../../shared/appeals/permissions.ts';
import { Conflict } from '../../shared/errors.ts';
import { ddb, tableName } from '../lib/clients.ts';
import { keys } from '../lib/keys.ts';
import { outboxPut } from '../lib/outbox.ts';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export const CHANNELS = ['12345', 'resident', 'staff', 'open311'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface CasePlace { compoundId: string | null; communityId: string | null; streetId: string | null; name: string | null }

export interface CaseRecord {
  id: string;
  rev: number;
  channel: Channel;
  type: AppealType;
  /** The district's category code, or null when the platform's category matched none (the centre picks). */
  category: string | null;
  /** The category as it came (the platform's word, or the catalogue's name). */
  categoryName: string;
  content: string;
  address: string;
  place: CasePlace;
  urgency: 'normal' | 'urgent';
  enterprise: boolean;
  order?: { no: string; revision: number; requiredUnit?: string; platformDeadline?: string };
  /** The unit routing suggests, and why. */
  suggestion: { unit: UnitRef; why: 'rule' | 'required' } | null;
  unit: UnitRef | null;
  view: CaseView;
  card: Card;
  contactDue: string;
  /** Years the deadlines were counted in without an official calendar: flagged on the case. */
  unknownYears: number[];
  /** Cases merged into this one. */
  mergedFrom?: string[];
  /** A resident's photos, kept under the case in the photo bucket (functions/photos/bucket.ts). */
  photos?: Photo[];
  /** The index items this case holds now, as "pk sk". */
  positions: string[];
  createdAt: string;
  updatedAt: string;
}

/** What a list shows of a case (staff only: never the caller). */
export function summaryOf(c: CaseRecord) {
  return {
    caseId: c.id, rev: c.rev, channel: c.channel, type: c.type, category: c.category, categoryName: c.categoryName,
    // Lists are glanced at by many: numbers in the words masked (the case page shows them to who calls back).
    excerpt: maskNumbers(Array.from(c.content).slice(0, 60).join('')), address: c.address, placeName: c.place.name,
    compoundId: c.place.compoundId, communityId: c.place.communityId, streetId: c.place.streetId,
    state: c.view.state, unit: c.unit, suggestion: c.suggestion, receivedAt: c.view.receivedAt, due: c.view.replyDue.due, warnAt: c.view.replyDue.warnAt,
    card: c.card, urgency: c.urgency, enterprise: c.enterprise, extension: c.view.extension, reworks: c.view.reworks,
    supervised: c.view.supervised, escalated: c.view.escalated, orderNo: c.order?.no ?? null, unknownYears: c.unknownYears, updatedAt: c.updatedAt,
  };
}
export type CaseSummary = ReturnType<typeof summaryOf>;

/** What the 三率 report counts of a case, kept on its month's index so a report reads one partition. */
export function reportCaseOf(c: CaseRecord): ReportCase {
  return {
    unit: c.unit ? unitKey(c.unit) : null, valid: c.view.state !== 'invalid' && c.view.state !== 'merged',
    contactDue: c.contactDue, contactedAt: c.view.contactedAt, replyDue: c.view.replyDue.due, repliedAt: c.view.repliedAt,
    followUp: c.view.followUp, streetId: c.place.streetId, category: c.category,
  };
}

const OPEN_STATES = new Set(['received', 'dispatched', 'accepted', 'in_progress', 'returned']);
export const isOpen = (c: Pick<CaseRecord, 'view'>) => OPEN_STATES.has(c.view.state);

interface Position { pk: string; sk: string; item: Record<string, unknown> }

/** The lists a case belongs on, from the case alone. */
export function positionsOf(c: CaseRecord): Position[] {
  const out: Position[] = [];
  const summary = { et: 'appeal-entry', ...summaryOf(c) };
  const { view } = c;
  if (view.state === 'received' || view.state === 'returned') out.push({ ...keys.centreQueue('dispatch', view.receivedAt, c.id), item: summary });
  if (view.extension?.state === 'asked' && isOpen(c)) out.push({ ...keys.centreQueue('extension', view.receivedAt, c.id), item: summary });
  if (view.state === 'replied') out.push({ ...keys.centreQueue('follow_up', view.repliedAt ?? view.receivedAt, c.id), item: summary });
  if (c.unit && (view.state === 'dispatched' || view.state === 'accepted' || view.state === 'in_progress')) {
    out.push({ ...keys.unitCases(unitKey(c.unit), view.replyDue.due, c.id), item: summary });
  }
  if (isOpen(c)) {
    if (c.card === 'none') out.push({ ...keys.sweepMark(view.replyDue.warnAt, c.id, 'yellow'), item: { et: 'sweep-mark', caseId: c.id, card: 'yellow', at: view.replyDue.warnAt } });
    if (c.card !== 'red') out.push({ ...keys.sweepMark(view.replyDue.due, c.id, 'red'), item: { et: 'sweep-mark', caseId: c.id, card: 'red', at: view.replyDue.due } });
  }
  out.push({ ...keys.caseMonth(beijingDay(Date.parse(view.receivedAt)).slice(0, 7), view.receivedAt, c.id), item: { ...summary, facts: reportCaseOf(c) } });
  return out;
}

const positionKey = (p: { pk: string; sk: string }) => `${p.pk} ${p.sk}`;

export interface TimelineStep {
  kind: string;
  at: string;
  /** Who took it: a role and unit (staff), 'platform' (12345), 'resident', or 'system' (the sweep). */
  by: { role: string; unit?: UnitRef | null; sub?: string; name?: string };
  /** What the step says: a reason, a reply, a note, the unit dispatched to. */
  detail?: Record<string, unknown>;
}

/**
 * Writes the case after one step: the record (new, or at the revision it was read at), the
 * step on its timeline, its list positions, an event on the FIFO queue grouped by case, and
 * whatever else the caller adds (audit, the caller's phone, the work order's index). A case
 * changed meanwhile refuses with 409 stale_revision and nothing written.
 */
export async function commitCase(prev: CaseRecord | null, next: CaseRecord, step: TimelineStep, extra: TransactItem[] = []): Promise<void> {
  const TableName = tableName();
  const nextPositions = positionsOf(next);
  const keep = new Set(nextPositions.map(positionKey));
  const record = { ...next, positions: nextPositions.map(positionKey) };
  const items: TransactItem[] = [
    {
      Put: {
        TableName,
        Item: { ...keys.appealCase(next.id), et: 'appeal', ...record },
        ...(prev ? { ConditionExpression: 'rev = :rev', ExpressionAttributeValues: { ':rev': prev.rev } } : { ConditionExpression: 'attribute_not_exists(pk)' }),
      },
    },
    { Put: { TableName, Item: { ...keys.appealStep(next.id, next.rev), et: 'appeal-step', caseId: next.id, rev: next.rev, ...step }, ConditionExpression: 'attribute_not_exists(pk)' } },
    outboxPut({ queue: 'appeal-events', groupId: next.id, body: { type: 'appeal.step', v: 1, caseId: next.id, rev: next.rev, kind: step.kind } }).item,
    ...(prev?.positions ?? []).filter((p) => !keep.has(p)).map((p): TransactItem => {
      const [pk, ...rest] = p.split(' ');
      return { Delete: { TableName, Key: { pk, sk: rest.join(' ') } } };
    }),
    ...nextPositions.map((p): TransactItem => ({ Put: { TableName, Item: { pk: p.pk, sk: p.sk, ...p.item } } })),
    ...extra,
  ];
  try {
    await ddb.send(new TransactWriteCommand({ TransactItems: items }));
  } catch (error) {
    if (error instanceof TransactionCanceledException) {
      const reasons = (error.CancellationReasons ?? []).map((r) => r.Code ?? 'None');
      const base = items.length - extra.length;
      const failedExtras = reasons.slice(base).flatMap((r, i) => (r === 'ConditionalCheckFailed' ? [i] : []));
      if (failedExtras.length > 0) throw new ExtraRefused(reasons, failedExtras);
      throw new CaseChanged(reasons);
    }
    throw error;
  }
}

/** The case was written meanwhile (another step, another revision of the work order). */
export class CaseChanged extends Conflict {
  constructor(readonly reasons: string[]) {
    super('The case changed meanwhile; reload it and try again', 'stale_revision');
  }
}

/** A condition of an extra item failed (a merge target gone, a nonce seen): `failed` are their indexes in `extra`. */
export class ExtraRefused extends Error {
  constructor(readonly reasons: string[], readonly failed: number[]) {
    super(`transaction refused: ${reasons.join(', ')}`);
  }
}

export async function readCase(caseId: string, consistent = true): Promise<CaseRecord | null> {
  const { Item } = await ddb.send(new GetCommand({ TableName: tableName(), Key: keys.appealCase(caseId), ConsistentRead: consistent }));
  if (!Item) return null;
  const { pk: _pk, sk: _sk, et: _et, ...record } = Item;
  return record as CaseRecord;
}
