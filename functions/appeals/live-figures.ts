// Live figures of appeals for dashboards: per month of receipt and unit, how many cases are in
// each stage and how many carry a yellow or red card. Each case's contribution is stored with
// the revision it reflects; a newer revision moves the case between counters in one
// transaction (take the old contribution away, add the new), and an event for a revision
// already counted, or older, changes nothing. Monthly reports do not read these: they are
// frozen from the cases themselves.
import { GetCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { unitKey } from '../../shared/appeals/permissions.ts';
import { beijingDay } from '../../shared/beijing.ts';
import { ddb, tableName } from '../lib/clients.ts';
import { keys } from '../lib/keys.ts';
import { queryAll } from '../lib/query.ts';
import { COUNT_FIELDS, countsOfCase } from '../../shared/appeals/rates.ts';
import { reportCaseOf, type CaseRecord } from './case-record.ts';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export const STAGES = ['waiting', 'handling', 'replied', 'done', 'excluded'] as const;
export type Stage = (typeof STAGES)[number];

export function stageOf(state: CaseRecord['view']['state']): Stage {
  switch (state) {
    case 'received': case 'returned': return 'waiting';
    case 'dispatched': case 'accepted': case 'in_progress': return 'handling';
    case 'replied': return 'replied';
    case 'followed_up': case 'closed': return 'done';
    case 'invalid': case 'merged': return 'excluded';
  }
}

/** `counts` names the rate counts (rates.ts) this case adds one to now. */
interface Contribution { month: string; unit: string; stage: Stage; card: string; street: string; category: string; counts?: string[]; rev: number }

export function contributionOf(c: CaseRecord, now = Date.now()): Contribution {
  // A case past its deadline counts as late from the event that finds it so (the sweep's red card at the latest).
  const counts = countsOfCase({ ...reportCaseOf(c), unitId: '' }, now);
  return {
    counts: COUNT_FIELDS.filter((f) => counts[f] === 1),
    month: beijingDay(Date.parse(c.view.receivedAt)).slice(0, 7),
    unit: c.unit ? unitKey(c.unit) : 'centre',
    stage: stageOf(c.view.state),
    card: stageOf(c.view.state) === 'waiting' || stageOf(c.view.state) === 'handling' ? c.card : 'none',
    street: c.place.streetId ?? 'unknown',
    category: c.category ?? 'unmapped',
    rev: c.rev,
  };
}

const LIVE_PK = keys.appealLivePk;
const contributionKey = keys.caseLiveContribution;

/** Counter updates for adding (+1) or removing (-1) one contribution. */
function counters(c: Contribution, sign: 1 | -1): TransactItem[] {
  const TableName = tableName();
  const add = (sk: string, fields: string[]): TransactItem => ({
    Update: {
      TableName, Key: { pk: LIVE_PK(c.month), sk },
      UpdateExpression: `ADD ${fields.map((_, i) => `#f${i} :n`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(fields.map((f, i) => [`#f${i}`, f])),
      ExpressionAttributeValues: { ':n': sign },
    },
  });
  const fields = ['total', `stage_${c.stage}`, ...(c.card !== 'none' ? [`card_${c.card}`] : []), ...(c.counts ?? []).map((f) => `n_${f}`)];
  return [add(`UNIT#${c.unit}`, fields), add(`STREET#${c.street}`, fields), add(`CATEGORY#${c.category}`, ['total'])];
}

export async function countCase(c: CaseRecord): Promise<void> {
  const next = contributionOf(c);
  for (let attempt = 0; attempt < 5; attempt++) {
    const { Item } = await ddb.send(new GetCommand({ TableName: tableName(), Key: contributionKey(c.id), ConsistentRead: true }));
    const prev = Item as (Contribution & { pk: string }) | undefined;
    if (prev && prev.rev >= next.rev) return;
    const same = prev && prev.month === next.month && prev.unit === next.unit && prev.stage === next.stage && prev.card === next.card && prev.street === next.street && prev.category === next.category && (prev.counts ?? []).join() === (next.counts ?? []).join();
    const items: TransactItem[] = [
      {
        Put: {
          TableName: tableName(), Item: { ...contributionKey(c.id), et: 'appeal-live', ...next },
          ...(prev ? { ConditionExpression: 'rev = :rev', ExpressionAttributeValues: { ':rev': prev.rev } } : { ConditionExpression: 'attribute_not_exists(pk)' }),
        },
      },
      ...(same ? [] : [...(prev ? counters(prev, -1) : []), ...counters(next, 1)]),
    ];
    try {
      // Removing and adding on the same counter item cannot share a transaction: merge them.
      await ddb.send(new TransactWriteCommand({ TransactItems: mergeUpdates(items) }));
      return;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
    }
  }
  throw new Error(`live figures of case ${c.id} kept changing; the event will be retried`);
}

/** Updates of one item folded into one (a transaction may touch each item once). */
function mergeUpdates(items: TransactItem[]): TransactItem[] {
  const byKey = new Map<string, Map<string, number>>();
  const rest: TransactItem[] = [];
  for (const item of items) {
    if (!item.Update) {
      rest.push(item);
      continue;
    }
    const key = `${item.Update.Key!.pk}\u0000${item.Update.Key!.sk}`;
    const sums = byKey.get(key) ?? new Map<string, number>();
    const sign = Number(item.Update.ExpressionAttributeValues![':n']);
    for (const field of Object.values(item.Update.ExpressionAttributeNames!)) sums.set(field, (sums.get(field) ?? 0) + sign);
    byKey.set(key, sums);
  }
  for (const [key, sums] of byKey) {
    const [pk, sk] = key.split('\u0000');
    const fields = [...sums].filter(([, n]) => n !== 0);
    if (fields.length === 0) continue;
    rest.push({
      Update: {
        TableName: tableName(), Key: { pk, sk },
        UpdateExpression: `ADD ${fields.map((_, i) => `#f${i} :n${i}`).join(', ')}`,
        ExpressionAttributeNames: Object.fromEntries(fields.map(([f], i) => [`#f${i}`, f])),
        ExpressionAttributeValues: Object.fromEntries(fields.map(([, n], i) => [`:n${i}`, n])),
      },
    });
  }
  return rest;
}

/** A month's live figures: by unit (cases no unit holds under "centre"), by street, by category. */
export async function liveFigures(month: string): Promise<{ units: Record<string, Record<string, number>>; streets: Record<string, Record<string, number>>; categories: Record<string, number> }> {
  const items = await queryAll<Record<string, unknown> & { sk: string }>(LIVE_PK(month));
  const units: Record<string, Record<string, number>> = {};
  const streets: Record<string, Record<string, number>> = {};
  const categories: Record<string, number> = {};
  for (const { pk: _pk, sk, ...fields } of items) {
    const numbers = Object.fromEntries(Object.entries(fields).filter(([, v]) => typeof v === 'number')) as Record<string, number>;
    if (sk.startsWith('UNIT#')) units[sk.slice(5)] = numbers;
    else if (sk.startsWith('STREET#')) streets[sk.slice(7)] = numbers;
    else if (sk.startsWith('CATEGORY#')) categories[sk.slice(9)] = numbers.total ?? 0;
  }
  return { units, streets, categories };
}
