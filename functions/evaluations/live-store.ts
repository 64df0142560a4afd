// A round's live figures: one item per round holding each department's counters and the set of
// evaluations (community|department) they count, changed only with a condition on that set. A
// message says only which evaluation changed; the consumer reads the record and moves the
// counters to match it, so a redelivered or reordered message changes nothing that is already
// right. One item per round (a round has a few hundred evaluations): a batch of events is one
// conditional update, however many departments it touches.
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { EvaluationChanged } from '../../shared/events.ts';
import type { DepartmentSums } from '../../shared/evaluations/results.ts';
import { ddb, tableName } from '../lib/clients.ts';
import { keys } from '../lib/keys.ts';
import { batchGet, itemKey } from '../lib/batch-get.ts';
import type { EvaluationItem } from './submission-store.ts';

const pairOf = (r: Pick<EvaluationItem, 'communityId' | 'departmentId'>) => `${r.communityId}|${r.departmentId}`;
/** Counters per department: n_<department> and s_<department>_<criterion>. */
const N_ATTR = /^n_(.+)$/;
const S_ATTR = /^s_(.+)_([a-z0-9]+)$/;

/** Counts (or takes out) these evaluations of one round at once, only if none (or all) of them is counted already. */
async function moveCounters(roundId: string, list: readonly EvaluationItem[], counts: boolean): Promise<void> {
  const sign = counts ? 1 : -1;
  const totals = new Map<string, number>();
  for (const r of list) {
    totals.set(`n_${r.departmentId}`, (totals.get(`n_${r.departmentId}`) ?? 0) + sign);
    for (const [code, v] of Object.entries(r.scores)) totals.set(`s_${r.departmentId}_${code}`, (totals.get(`s_${r.departmentId}_${code}`) ?? 0) + sign * v);
  }
  const names: Record<string, string> = { '#counted': 'counted' };
  const values: Record<string, unknown> = { ':c': new Set(list.map(pairOf)), ':now': new Date().toISOString(), ':r': roundId, ':et': 'eval-live' };
  const adds = [...totals].map(([attr, v], i) => {
    names[`#a${i}`] = attr;
    values[`:a${i}`] = v;
    return `#a${i} :a${i}`;
  });
  const each = list.map((r, i) => {
    values[`:m${i}`] = pairOf(r);
    return counts ? `NOT contains(#counted, :m${i})` : `contains(#counted, :m${i})`;
  });
  await ddb.send(new UpdateCommand({
    TableName: tableName(), Key: keys.evalLive(roundId),
    UpdateExpression: `SET updatedAt = :now, roundId = :r, et = :et ADD ${adds.join(', ')}${counts ? ', #counted :c' : ' DELETE #counted :c'}`,
    ConditionExpression: counts ? `attribute_not_exists(#counted) OR (${each.join(' AND ')})` : each.join(' AND '),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  }));
}

/** Moves the counters by one evaluation to match its record; false when they already did. */
async function applyOne(record: EvaluationItem): Promise<boolean> {
  try {
    await moveCounters(record.roundId, [record], !record.excluded);
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/**
 * A batch of events: the records read in one BatchGet, then one conditional update per round
 * for the evaluations to count (and one for those to take out). When a condition fails (some
 * were counted already: a redelivery), those evaluations are applied one by one, each against
 * its record. Returns how many evaluations' counting changed.
 */
export async function applyEvaluationEvents(events: readonly EvaluationChanged[]): Promise<number> {
  const unique = new Map(events.map((e) => [itemKey(keys.evaluation(e.roundId, e.communityId, e.departmentId)), e]));
  const records = await batchGet([...unique.values()].map((e) => keys.evaluation(e.roundId, e.communityId, e.departmentId)), { consistent: true });
  const rounds = new Map<string, { add: EvaluationItem[]; remove: EvaluationItem[] }>();
  for (const k of unique.keys()) {
    // Records are never deleted: a message about none names nothing we stored.
    const record = records.get(k) as EvaluationItem | undefined;
    if (!record) continue;
    const g = rounds.get(record.roundId) ?? { add: [], remove: [] };
    (record.excluded ? g.remove : g.add).push(record);
    rounds.set(record.roundId, g);
  }
  let changed = 0;
  for (const [roundId, g] of rounds) {
    for (const [list, counts] of [[g.add, true], [g.remove, false]] as const) {
      // At most 60 a call: the condition names each one (expressions stay under 4 KB).
      for (let i = 0; i < list.length; i += 60) {
        const chunk = list.slice(i, i + 60);
        try {
          await moveCounters(roundId, chunk, counts);
          changed += chunk.length;
        } catch (error) {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
          for (const r of chunk) if (await applyOne(r)) changed++;
        }
      }
    }
  }
  return changed;
}

/** Every department's live sums in a round. */
export async function liveSums(roundId: string): Promise<Map<string, DepartmentSums & { updatedAt: string }>> {
  const { Item } = await ddb.send(new GetCommand({ TableName: tableName(), Key: keys.evalLive(roundId), ConsistentRead: true }));
  const out = new Map<string, DepartmentSums & { updatedAt: string }>();
  if (!Item) return out;
  for (const [k, v] of Object.entries(Item)) {
    const n = k.match(N_ATTR);
    if (n && typeof v === 'number' && v > 0) out.set(n[1]!, { n: v, sums: out.get(n[1]!)?.sums ?? {}, updatedAt: Item.updatedAt as string });
  }
  for (const [k, v] of Object.entries(Item)) {
    const s = k.match(S_ATTR);
    if (s && typeof v === 'number' && out.has(s[1]!)) out.get(s[1]!)!.sums[s[2]!] = v;
  }
  return out;
}
