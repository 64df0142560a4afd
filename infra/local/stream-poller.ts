// Locally, what a Lambda event source mapping on the table's stream does on AWS: read new
// stream records shard by shard and hand them in batches to the relay, retrying from the
// first record the relay reports as failed. Checkpoints are kept in the data folder so that
// a restart neither loses nor replays events.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand, ExpiredIteratorException, TrimmedDataAccessException, type _Record } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './dynamodb.ts';
import { lambdaContext } from './lambda-context.ts';

export type StreamHandler = (event: DynamoDBStreamEvent, context: unknown) => Promise<DynamoDBBatchResponse>;

interface Options {
  endpoint: string;
  streamArn: string;
  batchSize: number;
  retryAttempts: number;
  checkpointFile: string | null;
  load: () => Promise<StreamHandler>;
  onError: (e: unknown) => void;
}

export function pollStream(o: Options) {
  const client = new DynamoDBStreamsClient({ endpoint: o.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  const checkpoints: Record<string, string> = o.checkpointFile && existsSync(o.checkpointFile) ? JSON.parse(readFileSync(o.checkpointFile, 'utf8')) : {};
  const iterators = new Map<string, string | null>();
  const save = () => o.checkpointFile && writeFileSync(o.checkpointFile, JSON.stringify(checkpoints));
  let running = true;
  let idle: () => void = () => undefined;

  const iteratorFor = async (shardId: string) => {
    const after = checkpoints[shardId];
    if (after) {
      try {
        const out = await client.send(new GetShardIteratorCommand({ StreamArn: o.streamArn, ShardId: shardId, ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after }));
        return out.ShardIterator ?? null;
      } catch (error) {
        // The checkpoint is older than the stream keeps (24 h): start from what is kept.
        if (!(error instanceof TrimmedDataAccessException)) throw error;
      }
    }
    const out = await client.send(new GetShardIteratorCommand({ StreamArn: o.streamArn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }));
    return out.ShardIterator ?? null;
  };

  const deliver = async (handler: StreamHandler, records: _Record[], shardId: string) => {
    for (let start = 0; start < records.length; ) {
      const batch = records.slice(start, start + o.batchSize);
      for (let attempt = 0; ; attempt++) {
        const event = { Records: batch.map((r) => ({ ...r, eventSourceARN: o.streamArn })) } as unknown as DynamoDBStreamEvent;
        let failedAt = -1;
        try {
          const response = await handler(event, lambdaContext('stream-relay', 60));
          const first = response?.batchItemFailures?.[0]?.itemIdentifier;
          failedAt = first ? batch.findIndex((r) => r.dynamodb?.SequenceNumber === first) : -1;
        } catch (error) {
          o.onError(error);
          failedAt = 0;
        }
        const doneUpTo = failedAt === -1 ? batch.length : failedAt;
        if (doneUpTo > 0) {
          checkpoints[shardId] = batch[doneUpTo - 1]!.dynamodb!.SequenceNumber!;
          save();
        }
        if (failedAt === -1) break;
        if (attempt >= o.retryAttempts) {
          // As with an on-failure destination on AWS: skip it. The outbox item is still in
          // the table and can be sent again by hand.
          o.onError(new Error(`stream record ${batch[failedAt]!.dynamodb?.SequenceNumber} failed ${attempt + 1} times; skipped`));
          checkpoints[shardId] = batch[failedAt]!.dynamodb!.SequenceNumber!;
          save();
          batch.splice(0, failedAt + 1);
        } else {
          batch.splice(0, failedAt);
          await new Promise((r) => setTimeout(r, Math.min(2000, 50 * 2 ** attempt)));
        }
        if (batch.length === 0) break;
      }
      start += o.batchSize;
    }
  };

  const loop = async () => {
    const handler = await o.load();
    while (running) {
      let got = 0;
      try {
        const { StreamDescription } = await client.send(new DescribeStreamCommand({ StreamArn: o.streamArn }));
        for (const shard of StreamDescription?.Shards ?? []) {
          const id = shard.ShardId!;
          if (!iterators.has(id)) iterators.set(id, await iteratorFor(id));
          const it = iterators.get(id);
          if (!it) continue;
          let out;
          try {
            out = await client.send(new GetRecordsCommand({ ShardIterator: it, Limit: 1000 }));
          } catch (error) {
            // DynamoDB Local hands out iterators for empty shards that it later calls trimmed
            // once other tables' writes move its global sequence on; a fresh iterator from the
            // checkpoint (or the horizon) reads on correctly.
            if (error instanceof ExpiredIteratorException || error instanceof TrimmedDataAccessException) {
              iterators.delete(id);
              continue;
            }
            throw error;
          }
          const records = out.Records ?? [];
          got += records.length;
          if (records.length > 0) await deliver(handler, records, id);
          iterators.set(id, out.NextShardIterator ?? null);
        }
      } catch (error) {
        if (!running) break;
        o.onError(error);
      }
      if (got === 0 && running) await new Promise<void>((r) => { idle = r; setTimeout(r, 100); });
    }
  };
  const finished = loop();
  return {
    stop: async () => {
      running = false;
      idle();
      await finished.catch(() => undefined);
    },
  };
}
