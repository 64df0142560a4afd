// Live figures for the staff dashboard. The consumer never trusts an event's content: for
// each household an event names, it reads the stored submission and the compound's figures
// item, which holds the counters and the set of households they count. It then moves the
// counters by the difference and adds the household to (or takes it out of) the set, in one
// conditional update per compound: a redelivered, duplicated or reordered event changes
// nothing, and the counters always converge on what the records say. Published notices never
// read these figures.
//
// The set makes the item grow by about 20 bytes per counted household: DynamoDB's 400 KB item
// limit leaves room for some 15,000 households per compound.
import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { addCounters, contribution, counterNames, type Counters } from '../../shared/ratings/aggregate.ts';
import type { RatingChanged } from '../../shared/events.ts';
import { ddb, tableName } from '../lib/clients.ts';
import { keys } from '../lib/keys.ts';
import { batchGet, itemKey } from '../lib/batch-get.ts';
import { getCampaign } from './campaign-store.ts';
import type { CampaignItem, SubmissionItem } from './model.ts';

const PREFIX = 'k_';
/** Households per conditional update: keeps the condition expression under DynamoDB's 4 KB. */
const PER_UPDATE = 50;

interface Household { campaignId: string; compoundId: string; building: string; unit: string }
const member = (h: { building: string; unit: string }) => `${h.building}#${h.unit}`;

interface CompoundChange { campaignId: string; compoundId: string; add: string[]; remove: string[]; delta: Counters }
interface HouseholdChange { campaignId: string; compoundId: string; member: string; desired: boolean; delta: Counters }

/** Groups households' changes per compound, at most PER_UPDATE to an update (the condition stays under 4 KB). */
function perCompound(changes: HouseholdChange[]): CompoundChange[] {
  const groups = new Map<string, HouseholdChange[]>();
  // Additions and removals go in separate updates: one expression may not ADD to and DELETE
  // from the same set.
  for (const c of changes) {
    const key = `${c.campaignId}|${c.compoundId}|${c.desired}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  const out: CompoundChange[] = [];
  for (const group of groups.values()) {
    for (let i = 0; i < group.length; i += PER_UPDATE) {
      const part = group.slice(i, i + PER_UPDATE);
      out.push({
        campaignId: part[0]!.campaignId, compoundId: part[0]!.compoundId,
        add: part.filter((c) => c.desired).map((c) => c.member), remove: part.filter((c) => !c.desired).map((c) => c.member),
        delta: part.reduce((sum, c) => addCounters(sum, c.delta), {} as Counters),
      });
    }
  }
  return out;
}

/** What must change: read the households' records and their compounds' figures, compare. */
async function changesFor(households: Household[]): Promise<HouseholdChange[]> {
  const campaigns = new Map<string, Awaited<ReturnType<typeof getCampaign>>>();
  for (const id of new Set(households.map((h) => h.campaignId))) campaigns.set(id, await getCampaign(id));
  const figureKeys = new Map(households.map((h) => [`${h.campaignId}|${h.compoundId}`, keys.liveFigures(h.campaignId, h.compoundId)]));
  const subKeys = households.map((h) => keys.ratingSubmission(h.campaignId, h.compoundId, h.building, h.unit));
  const found = await batchGet([...subKeys, ...figureKeys.values()], { consistent: true });
  const changes: HouseholdChange[] = [];
  households.forEach((h, i) => {
    const campaign = campaigns.get(h.campaignId);
    const sub = found.get(itemKey(subKeys[i]!)) as SubmissionItem | undefined;
    // An event about a campaign or submission that does not exist changes nothing.
    if (!campaign || !sub) return;
    const fk = figureKeys.get(`${h.campaignId}|${h.compoundId}`)!;
    const counted = (found.get(itemKey(fk))?.counted as Set<string> | undefined) ?? new Set<string>();
    const desired = !sub.excludedAt;
    if (desired === counted.has(member(h))) return;
    changes.push({ campaignId: h.campaignId, compoundId: h.compoundId, member: member(h), desired, delta: addCounters({}, contribution(campaign.questionnaire, sub), desired ? 1 : -1) });
  });
  return changes;
}

/** One conditional update: counters and set move together, only if the set is as read. */
async function write(c: CompoundChange): Promise<void> {
  const names: Record<string, string> = { '#counted': 'counted' };
  const values: Record<string, unknown> = { ':now': new Date().toISOString(), ':c': c.campaignId, ':p': c.compoundId, ':et': 'live-figures' };
  const adds = Object.entries(c.delta).map(([k, v], i) => {
    names[`#k${i}`] = PREFIX + k;
    values[`:v${i}`] = v;
    return `#k${i} :v${i}`;
  });
  const conditions: string[] = [];
  c.add.forEach((m, i) => {
    values[`:a${i}`] = m;
    conditions.push(`NOT contains(#counted, :a${i})`);
  });
  c.remove.forEach((m, i) => {
    values[`:r${i}`] = m;
    conditions.push(`contains(#counted, :r${i})`);
  });
  if (c.add.length) {
    values[':add'] = new Set(c.add);
    adds.push('#counted :add');
  }
  if (c.remove.length) values[':remove'] = new Set(c.remove);
  await ddb.send(new UpdateCommand({
    TableName: tableName(), Key: keys.liveFigures(c.campaignId, c.compoundId),
    UpdateExpression: `SET updatedAt = :now, campaignId = :c, compoundId = :p, et = :et${adds.length ? ` ADD ${adds.join(', ')}` : ''}${c.remove.length ? ' DELETE #counted :remove' : ''}`,
    ConditionExpression: conditions.join(' AND '),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  }));
}

/** Applies a batch of events; returns how many households' counting changed. */
export async function applyRatingEvents(events: readonly RatingChanged[]): Promise<number> {
  const unique = new Map<string, Household>();
  for (const e of events) unique.set(`${e.campaignId}|${e.compoundId}|${e.building}|${e.unit}`, { campaignId: e.campaignId, compoundId: e.compoundId, building: e.building, unit: e.unit });
  let pending = [...unique.values()];
  let changed = 0;
  for (let attempt = 0; pending.length > 0; attempt++) {
    // Read again on every attempt: what another consumer already applied drops out.
    const changes = perCompound(await changesFor(pending));
    const lost = new Set<string>();
    await Promise.all(changes.map(async (c) => {
      try {
        await write(c);
        changed += c.add.length + c.remove.length;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException) || attempt >= 4) throw error;
        lost.add(`${c.campaignId}|${c.compoundId}`);
      }
    }));
    // Another consumer moved some of these households first: read those compounds again.
    pending = pending.filter((h) => lost.has(`${h.campaignId}|${h.compoundId}`));
    if (pending.length) await new Promise((r) => setTimeout(r, 20 * (attempt + 1) + Math.random() * 30));
  }
  return changed;
}

export function countersOf(item: Record<string, unknown>): Counters {
  const out: Counters = {};
  for (const [k, v] of Object.entries(item)) if (k.startsWith(PREFIX) && typeof v === 'number' && v !== 0) out[k.slice(PREFIX.length)] = v;
  return out;
}

/**
 * Every compound's live counters of a campaign. Reads only the counters (every name the
 * questionnaire can produce), not the set of counted households, which is far larger.
 */
export async function liveFigures(campaign: Pick<CampaignItem, 'id' | 'questionnaire'>, maxItems: number): Promise<Map<string, { counters: Counters; updatedAt: string }>> {
  const out = new Map<string, { counters: Counters; updatedAt: string }>();
  const names = ['compoundId', 'updatedAt', ...counterNames(campaign.questionnaire, maxItems).map((k) => PREFIX + k)];
  const placeholders = Object.fromEntries(names.map((n, i) => [`#n${i}`, n]));
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await ddb.send(new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.liveFiguresPk(campaign.id) }, ProjectionExpression: Object.keys(placeholders).join(', '), ExpressionAttributeNames: placeholders, ExclusiveStartKey }));
    for (const item of page.Items ?? []) out.set(item.compoundId as string, { counters: countersOf(item), updatedAt: item.updatedAt as string });
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return out;
}

/** Replaces a compound's live figures with what the records say (the rebuild). */
export async function replaceLive(campaignId: string, compoundId: string, counters: Counters, counted: { building: string; unit: string }[]): Promise<void> {
  const item: Record<string, unknown> = { ...keys.liveFigures(campaignId, compoundId), et: 'live-figures', campaignId, compoundId, updatedAt: new Date().toISOString() };
  for (const [k, v] of Object.entries(counters)) item[PREFIX + k] = v;
  if (counted.length) item.counted = new Set(counted.map(member));
  await ddb.send(new PutCommand({ TableName: tableName(), Item: item }));
}
