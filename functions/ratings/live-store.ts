// Live figures for the staff dashboard. The consumer never trusts an event's content: for
// each household an event names, it reads the stored submission and a "counted" marker and
// moves the compound's counters by the difference, in one transaction with the marker. So a
// redelivered, duplicated or reordered event changes nothing: the counters always converge
// on what the records say. Published notices never read these counters.
import { BatchGetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { addCounters, contribution, type Counters } from '../../shared/ratings/aggregate.ts';
import type { RatingChanged } from '../../shared/events.ts';
import { ddb, tableName } from '../lib/clients.ts';
import { keys } from '../lib/keys.ts';
import { batchPut } from '../lib/batch-write.ts';
import { getCampaign } from './campaign-store.ts';
import type { SubmissionItem } from './model.ts';

const PREFIX = 'k_';
const MAX_TRANSACTION = 100;

interface CountedItem { counted: boolean }

async function batchGet(keyList: Record<string, string>[]): Promise<Map<string, Record<string, unknown>>> {
  const TableName = tableName();
  const found = new Map<string, Record<string, unknown>>();
  for (let i = 0; i < keyList.length; i += 100) {
    let request: Record<string, string>[] = keyList.slice(i, i + 100);
    for (let attempt = 0; request.length > 0; attempt++) {
      if (attempt > 8) throw new Error('DynamoDB kept returning unprocessed keys');
      if (attempt > 0) await new Promise((r) => setTimeout(r, 2 ** attempt * 20));
      const out = await ddb.send(new BatchGetCommand({ RequestItems: { [TableName]: { Keys: request, ConsistentRead: true } } }));
      for (const item of out.Responses?.[TableName] ?? []) found.set(`${item.pk}|${item.sk}`, item);
      request = (out.UnprocessedKeys?.[TableName]?.Keys ?? []) as Record<string, string>[];
    }
  }
  return found;
}

/** The counters update for one compound: ADD for each counter, as one expression. */
function figuresUpdate(campaignId: string, compoundId: string, delta: Counters, now: string) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':now': now, ':c': campaignId, ':p': compoundId };
  const adds = Object.entries(delta).map(([k, v], i) => {
    names[`#k${i}`] = PREFIX + k;
    values[`:v${i}`] = v;
    return `#k${i} :v${i}`;
  });
  return {
    Update: {
      TableName: tableName(), Key: keys.liveFigures(campaignId, compoundId),
      UpdateExpression: `SET updatedAt = :now, campaignId = :c, compoundId = :p, et = :et${adds.length ? ` ADD ${adds.join(', ')}` : ''}`,
      ExpressionAttributeNames: adds.length ? names : undefined,
      ExpressionAttributeValues: { ...values, ':et': 'live-figures' },
    },
  };
}

/** Brings one compound's live counters in line with the records of the households named. */
async function reconcile(campaignId: string, compoundId: string, units: { building: string; unit: string }[]): Promise<number> {
  const campaign = await getCampaign(campaignId);
  if (!campaign) return 0; // an event about a campaign that does not exist changes nothing
  for (let attempt = 0; ; attempt++) {
    const subKeys = units.map((u) => keys.ratingSubmission(campaignId, compoundId, u.building, u.unit));
    const markKeys = units.map((u) => keys.liveCounted(campaignId, compoundId, u.building, u.unit));
    const found = await batchGet([...subKeys, ...markKeys]);
    const changes: { mark: Record<string, string>; desired: boolean; existed: boolean; delta: Counters }[] = [];
    units.forEach((_, i) => {
      const sub = found.get(`${subKeys[i]!.pk}|${subKeys[i]!.sk}`) as SubmissionItem | undefined;
      const mark = found.get(`${markKeys[i]!.pk}|${markKeys[i]!.sk}`) as CountedItem | undefined;
      const desired = !!sub && !sub.excludedAt;
      const current = mark?.counted ?? false;
      if (desired === current || !sub) return;
      changes.push({ mark: markKeys[i]!, desired, existed: !!mark, delta: desired ? contribution(campaign.questionnaire, sub) : addCounters({}, contribution(campaign.questionnaire, sub), -1) });
    });
    if (changes.length === 0) return 0;
    const now = new Date().toISOString();
    try {
      for (let i = 0; i < changes.length; i += MAX_TRANSACTION - 1) {
        const chunk = changes.slice(i, i + MAX_TRANSACTION - 1);
        let delta: Counters = {};
        for (const c of chunk) delta = addCounters(delta, c.delta);
        await ddb.send(new TransactWriteCommand({ TransactItems: [
          ...chunk.map((c) => ({
            Put: {
              TableName: tableName(), Item: { ...c.mark, et: 'live-counted', counted: c.desired, at: now },
              ConditionExpression: c.existed ? 'counted = :was' : 'attribute_not_exists(pk)',
              ExpressionAttributeValues: c.existed ? { ':was': !c.desired } : undefined,
            },
          })),
          figuresUpdate(campaignId, compoundId, delta, now),
        ] }));
      }
      return changes.length;
    } catch (error) {
      // Another consumer moved the same markers first: read again and apply what is left.
      if (!(error instanceof TransactionCanceledException) || attempt >= 4) throw error;
      await new Promise((r) => setTimeout(r, 20 * (attempt + 1) + Math.random() * 30));
    }
  }
}

/** Applies a batch of events, grouped by compound; returns the households whose counting changed. */
export async function applyRatingEvents(events: readonly RatingChanged[]): Promise<number> {
  const groups = new Map<string, { campaignId: string; compoundId: string; units: Map<string, { building: string; unit: string }> }>();
  for (const e of events) {
    const g = groups.get(`${e.campaignId}|${e.compoundId}`) ?? { campaignId: e.campaignId, compoundId: e.compoundId, units: new Map() };
    g.units.set(`${e.building}#${e.unit}`, { building: e.building, unit: e.unit });
    groups.set(`${e.campaignId}|${e.compoundId}`, g);
  }
  let changed = 0;
  for (const g of groups.values()) changed += await reconcile(g.campaignId, g.compoundId, [...g.units.values()]);
  return changed;
}

export function countersOf(item: Record<string, unknown>): Counters {
  const out: Counters = {};
  for (const [k, v] of Object.entries(item)) if (k.startsWith(PREFIX) && typeof v === 'number' && v !== 0) out[k.slice(PREFIX.length)] = v;
  return out;
}

/** Every compound's live counters of a campaign. */
export async function liveFigures(campaignId: string): Promise<Map<string, { counters: Counters; updatedAt: string }>> {
  const out = new Map<string, { counters: Counters; updatedAt: string }>();
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await ddb.send(new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.liveFiguresPk(campaignId) }, ExclusiveStartKey }));
    for (const item of page.Items ?? []) out.set(item.compoundId as string, { counters: countersOf(item), updatedAt: item.updatedAt as string });
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return out;
}

/** Replaces a compound's live counters and markers with what the records say (the rebuild). */
export async function replaceLive(campaignId: string, compoundId: string, counters: Counters, counted: { building: string; unit: string; counted: boolean }[]): Promise<void> {
  const TableName = tableName();
  const now = new Date().toISOString();
  const item: Record<string, unknown> = { ...keys.liveFigures(campaignId, compoundId), et: 'live-figures', campaignId, compoundId, updatedAt: now };
  for (const [k, v] of Object.entries(counters)) item[PREFIX + k] = v;
  await batchPut(counted.map((c) => ({ ...keys.liveCounted(campaignId, compoundId, c.building, c.unit), et: 'live-counted', counted: c.counted, at: now })));
  await ddb.send(new TransactWriteCommand({ TransactItems: [{ Put: { TableName, Item: item } }] }));
}
