import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ddb, tableName } from './clients.ts';

/**
 * Puts many items in batches of 25, a few batches at a time, retrying what DynamoDB hands
 * back unprocessed with backoff. Not atomic: callers make partial writes harmless.
 */
export async function batchPut(items: Record<string, unknown>[], parallel = 8): Promise<void> {
  const TableName = tableName();
  const chunks: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) chunks.push(items.slice(i, i + 25));
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(parallel, chunks.length) }, async () => {
    while (next < chunks.length) {
      let requests = chunks[next++]!.map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; requests.length > 0; attempt++) {
        if (attempt > 8) throw new Error('DynamoDB kept returning unprocessed items');
        if (attempt > 0) await new Promise((r) => setTimeout(r, 2 ** attempt * 25));
        const out = await ddb.send(new BatchWriteCommand({ RequestItems: { [TableName]: requests } }));
        requests = (out.UnprocessedItems?.[TableName] ?? []) as typeof requests;
      }
    }
  }));
}
