// A department's live figures in a round: counters and the set of communities they count,
// changed only with a condition on that set. A message says only which evaluation changed; the
// consumer reads the record and moves the counters to match it, so a redelivered or reordered
// message changes nothing that is already right.
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { EvaluationChanged } from '../../shared/events.ts';
import type { DepartmentSums } from '../../shared/evaluations/results.ts';
import { ddb, tableName } from '../lib/clients.ts';
import { keys } from '../lib/keys.ts';
import { getEvaluation } from './submission-store.ts';

const PREFIX = 's_';

/** Moves one department's counters to match one evaluation record; false when they already did. */
export async function applyEvaluationEvent(e: EvaluationChanged): Promise<boolean> {
  const record = await getEvaluation(e.roundId, e.communityId, e.departmentId);
  // Records are never deleted: a message about none names nothing we stored.
  if (!record) return false;
  const counts = !record.excluded;
  const sign = counts ? 1 : -1;
  const names: Record<string, string> = { '#counted': 'counted', '#n': 'n' };
  const values: Record<string, unknown> = { ':c': new Set([e.communityId]), ':one': sign, ':now': new Date().toISOString(), ':r': e.roundId, ':d': e.departmentId, ':et': 'eval-live' };
  const adds = ['#n :one'];
  Object.entries(record.scores).forEach(([code, v], i) => {
    names[`#s${i}`] = PREFIX + code;
    values[`:s${i}`] = sign * v;
    adds.push(`#s${i} :s${i}`);
  });
  try {
    await ddb.send(new UpdateCommand({
      TableName: tableName(), Key: keys.evalLive(e.roundId, e.departmentId),
      UpdateExpression: `SET updatedAt = :now, roundId = :r, departmentId = :d, et = :et ADD ${adds.join(', ')}${counts ? ', #counted :c' : ' DELETE #counted :c'}`,
      ConditionExpression: counts ? 'attribute_not_exists(#counted) OR NOT contains(#counted, :one_c)' : 'contains(#counted, :one_c)',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: { ...values, ':one_c': e.communityId },
    }));
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** Every department's live sums in a round. */
export async function liveSums(roundId: string): Promise<Map<string, DepartmentSums & { updatedAt: string }>> {
  const out = new Map<string, DepartmentSums & { updatedAt: string }>();
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await ddb.send(new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.evalLivePk(roundId) }, ExclusiveStartKey }));
    for (const item of page.Items ?? []) {
      const sums: Record<string, number> = {};
      for (const [k, v] of Object.entries(item)) if (k.startsWith(PREFIX) && typeof v === 'number') sums[k.slice(PREFIX.length)] = v;
      if ((item.n as number) > 0) out.set(item.departmentId as string, { n: item.n as number, sums, updatedAt: item.updatedAt as string });
    }
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return out;
}
