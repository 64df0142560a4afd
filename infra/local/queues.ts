// The SQS emulator (fauxqs) in this process, with every manifest queue and its DLQ, and one
// poller per queue that feeds batches to the same consumer a Lambda event source would:
// messages the consumer reports as failed stay in flight, come back after the visibility
// timeout, and move to the DLQ after maxReceiveCount receives (RedrivePolicy).
import { startFauxqs, type FauxqsServer } from 'fauxqs';
import { CreateQueueCommand, DeleteMessageBatchCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { QueueDef } from '../../functions/manifest.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './dynamodb.ts';
import { lambdaContext } from './lambda-context.ts';

export interface LocalQueues {
  endpoint: string;
  client: SQSClient;
  urls: Record<string, string>;
  dlqUrls: Record<string, string>;
  stop(): Promise<void>;
}

export function physicalName(def: Pick<QueueDef, 'name' | 'fifo'>, prefix: string, dlq = false): string {
  return `${prefix}-${def.name}${dlq ? '-dlq' : ''}${def.fifo ? '.fifo' : ''}`;
}

export async function startQueues(port: number, defs: QueueDef[], prefix: string, dataDir: string | null): Promise<LocalQueues> {
  const server: FauxqsServer = await startFauxqs({ port, logger: false, host: '127.0.0.1', ...(dataDir ? { dataDir } : {}) });
  const endpoint = `http://127.0.0.1:${server.port}`;
  const client = new SQSClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  const urls: Record<string, string> = {};
  const dlqUrls: Record<string, string> = {};
  for (const def of defs) {
    const fifoAttrs: Record<string, string> = def.fifo ? { FifoQueue: 'true', ContentBasedDeduplication: 'false' } : {};
    const dlq = await client.send(new CreateQueueCommand({ QueueName: physicalName(def, prefix, true), Attributes: { ...fifoAttrs, MessageRetentionPeriod: '1209600' } }));
    const dlqArn = (await client.send(new GetQueueAttributesCommand({ QueueUrl: sameOrigin(dlq.QueueUrl!, endpoint), AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
    const queue = await client.send(
      new CreateQueueCommand({
        QueueName: physicalName(def, prefix),
        Attributes: {
          ...fifoAttrs,
          VisibilityTimeout: String(def.visibilityTimeoutSeconds),
          RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: def.maxReceiveCount }),
        },
      }),
    );
    urls[def.name] = sameOrigin(queue.QueueUrl!, endpoint);
    dlqUrls[def.name] = sameOrigin(dlq.QueueUrl!, endpoint);
  }
  return { endpoint, client, urls, dlqUrls, stop: () => server.stop() };
}

/** fauxqs answers with virtual-host URLs (sqs.REGION.127.0.0.1) that URL parsers reject. */
function sameOrigin(queueUrl: string, endpoint: string): string {
  return queueUrl.replace(/^https?:\/\/[^/]+/, endpoint);
}

export type SqsHandler = (event: SQSEvent, context: unknown) => Promise<SQSBatchResponse>;

/** Long-polls one queue and hands each batch to its consumer until stopped. */
export function pollQueue(client: SQSClient, url: string, def: QueueDef, load: () => Promise<SqsHandler>, onError: (e: unknown) => void) {
  let running = true;
  const abort = new AbortController();
  const loop = async () => {
    const handler = await load();
    while (running) {
      try {
        const receive = (wait: number) => client.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: Math.min(def.batchSize - messages.length, 10), WaitTimeSeconds: wait, MessageSystemAttributeNames: ['All'] }), { abortSignal: abort.signal });
        const messages: Message[] = [];
        messages.push(...((await receive(1)).Messages ?? []));
        if (messages.length === 0) continue;
        // As Lambda's batching window does: fill the batch while messages are waiting.
        while (messages.length < def.batchSize) {
          const wanted = Math.ceil((def.batchSize - messages.length) / 10);
          const more = (await Promise.all(Array.from({ length: wanted }, () => receive(0)))).flatMap((r) => r.Messages ?? []);
          if (more.length === 0) break;
          messages.push(...more.slice(0, def.batchSize - messages.length));
        }
        const event: SQSEvent = {
          Records: messages.map((m) => ({
            messageId: m.MessageId!,
            receiptHandle: m.ReceiptHandle!,
            body: m.Body ?? '',
            attributes: (m.Attributes ?? {}) as never,
            messageAttributes: {},
            md5OfBody: m.MD5OfBody ?? '',
            eventSource: 'aws:sqs',
            eventSourceARN: `arn:aws:sqs:${LOCAL_REGION}:000000000000:${def.name}`,
            awsRegion: LOCAL_REGION,
          })),
        };
        let failed = new Set<string>();
        try {
          const response = await handler(event, lambdaContext(def.consumer, 900));
          failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
        } catch (error) {
          // As on Lambda: a thrown batch means every message comes back.
          onError(error);
          failed = new Set(messages.map((m) => m.MessageId!));
        }
        const done = messages.filter((m) => !failed.has(m.MessageId!));
        const deletes: Promise<unknown>[] = [];
        for (let i = 0; i < done.length; i += 10) {
          deletes.push(client.send(new DeleteMessageBatchCommand({ QueueUrl: url, Entries: done.slice(i, i + 10).map((m, j) => ({ Id: String(j), ReceiptHandle: m.ReceiptHandle! })) })));
        }
        await Promise.all(deletes);
      } catch (error) {
        if (!running) break;
        onError(error);
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  };
  const finished = loop();
  return {
    stop: async () => {
      running = false;
      abort.abort();
      await finished.catch(() => undefined);
    },
  };
}
