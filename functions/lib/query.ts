// Every item of one partition (optionally under a sort-key prefix), page after page.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ddb, tableName } from './clients.ts';

export async function queryAll<T>(pk: string, o: { skPrefix?: string; /** Sort keys between the two, inclusive (a key "<instant>#…" at the end instant sorts after the bare instant, so it is left out). */ skBetween?: [string, string]; consistent?: boolean; newestFirst?: boolean; /** Stop after this many items. */ limit?: number } = {}): Promise<T[]> {
  const out: T[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await ddb.send(new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: o.skPrefix ? 'pk = :pk AND begins_with(sk, :sk)' : o.skBetween ? 'pk = :pk AND sk BETWEEN :from AND :to' : 'pk = :pk',
      ExpressionAttributeValues: o.skPrefix ? { ':pk': pk, ':sk': o.skPrefix } : o.skBetween ? { ':pk': pk, ':from': o.skBetween[0], ':to': o.skBetween[1] } : { ':pk': pk },
      ConsistentRead: o.consistent ?? false,
      ScanIndexForward: !o.newestFirst,
      ExclusiveStartKey,
      ...(o.limit ? { Limit: o.limit - out.length } : {}),
    }));
    out.push(...((page.Items ?? []) as T[]));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey && !(o.limit && out.length >= o.limit));
  return out;
}
