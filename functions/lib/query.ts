// Every item of one partition (optionally under a sort-key prefix), page after page.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ddb, tableName } from './clients.ts';

export async function queryAll<T>(pk: string, o: { skPrefix?: string; consistent?: boolean; newestFirst?: boolean; /** Stop after this many items. */ limit?: number } = {}): Promise<T[]> {
  const out: T[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await ddb.send(new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: o.skPrefix ? 'pk = :pk AND begins_with(sk, :sk)' : 'pk = :pk',
      ExpressionAttributeValues: o.skPrefix ? { ':pk': pk, ':sk': o.skPrefix } : { ':pk': pk },
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
