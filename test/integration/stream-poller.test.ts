// The local stand-in for Lambda's stream event source: every new item reaches the handler
// exactly once, in order, also while other tables on the same DynamoDB Local are written
// (which once left the poller stuck on "trimmed" iterators).
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fileDynamoEndpoint } from '../support/dynamo.ts';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { ensureTable, LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/dynamodb.ts';
import { pollStream } from '../../infra/local/stream-poller.ts';
import { eventually } from '../support/district.ts';

describe('stream poller', () => {
  it('delivers each insert once per table, with three tables written at once', async () => {
    const endpoint = await fileDynamoEndpoint();
    const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    const tables = [0, 1, 2].map((i) => `sp${randomBytes(3).toString('hex')}-${i}`);
    const seen: Record<string, string[]> = {};
    const pollers = [];
    for (const t of tables) {
      seen[t] = [];
      const arn = await ensureTable(client, t);
      pollers.push(pollStream({
        endpoint, streamArn: arn, batchSize: 50, retryAttempts: 2, checkpointFile: null, onError: () => undefined,
        load: async () => async (event) => {
          for (const r of event.Records) seen[t]!.push(r.dynamodb!.Keys!.sk!.S!);
          return { batchItemFailures: [] };
        },
      }));
    }
    try {
      const written: Record<string, string[]> = Object.fromEntries(tables.map((t) => [t, []]));
      for (let i = 0; i < 30; i++) {
        const t = tables[(i * 7) % 3]!;
        const sk = String(i).padStart(3, '0');
        written[t]!.push(sk);
        await client.send(new PutItemCommand({ TableName: t, Item: { pk: { S: 'x' }, sk: { S: sk } } }));
        if (i % 5 === 0) await new Promise((r) => setTimeout(r, 150));
      }
      await eventually(async () => tables.every((t) => seen[t]!.length >= written[t]!.length) || null);
      await new Promise((r) => setTimeout(r, 500));
      for (const t of tables) expect(seen[t]).toEqual(written[t]);
    } finally {
      for (const p of pollers) await p.stop();
    }
  });
});
