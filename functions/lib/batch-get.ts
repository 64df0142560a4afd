// Reads many items by key, 100 per call, retrying what DynamoDB hands back unprocessed.
// Found items are keyed `pk|sk`; a key that is absent simply has no entry.
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { ddb, tableName } from './clients.ts';

export const itemKey = (k: { pk: string; sk: string }) => `${k.pk}|${k.sk}`;

export async function batchGet(keyList: { pk: string; sk: string }[], o: { consistent?: boolean } = {}): Promise<Map<string, Record<string, unknown>>> {
  const TableName = tableName();
  const found = new Map<string, Record<string, unknown>>();
  for (let i = 0; i < keyList.length; i += 100) {
    let request: Record<string, string>[] = keyList.slice(i, i + 100);
    for (let attempt = 0; request.length > 0; attempt++) {
      if (attempt > 8) throw new Error('DynamoDB kept returning unprocessed keys');
      if (attempt > 0) await new Promise((r) => setTimeout(r, 2 ** attempt * 20));
      const out = await ddb.send(new BatchGetCommand({ RequestItems: { [TableName]: { Keys: request, ConsistentRead: o.consistent ?? false } } }));
      for (const item of out.Responses?.[TableName] ?? []) found.set(itemKey(item as { pk: string; sk: string }), item);
      request = (out.UnprocessedKeys?.[TableName]?.Keys ?? []) as Record<string, string>[];
    }
  }
  return found;
}
