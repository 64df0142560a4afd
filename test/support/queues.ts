// A queue pair like the manifest's, with a one-second visibility timeout so that redrive to
// the DLQ happens within a test (the manifest's queues wait 60 s between tries).
import { CreateQueueCommand, GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import type { LocalDistrict } from '../../infra/local/district.ts';
import type { QueueDef } from '../../functions/manifest.ts';

export async function queueDepth(district: LocalDistrict, url: string): Promise<number> {
  const out = await district.queues.client.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
  return Number(out.Attributes?.ApproximateNumberOfMessages ?? 0) + Number(out.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
}

export async function shortQueue(district: LocalDistrict, base: QueueDef, name: string) {
  const client = district.queues.client;
  const origin = new URL(Object.values(district.queues.urls)[0]!).origin;
  const fifo: Record<string, string> = base.fifo ? { FifoQueue: 'true', ContentBasedDeduplication: 'false' } : {};
  const suffix = base.fifo ? '.fifo' : '';
  const dlq = (await client.send(new CreateQueueCommand({ QueueName: `${district.tableName}-${name}-dlq${suffix}`, Attributes: fifo }))).QueueUrl!.replace(/^http:\/\/[^/]+/, origin);
  const dlqArn = (await client.send(new GetQueueAttributesCommand({ QueueUrl: dlq, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
  const main = (await client.send(new CreateQueueCommand({ QueueName: `${district.tableName}-${name}${suffix}`, Attributes: { ...fifo, VisibilityTimeout: '1', RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 2 }) } }))).QueueUrl!.replace(/^http:\/\/[^/]+/, origin);
  const def: QueueDef = { ...base, name, visibilityTimeoutSeconds: 1, maxReceiveCount: 2 };
  return { main, dlq, def };
}

/**
 * Sends these bodies through a short copy of the queue to its real consumer and waits until the
 * poison ones are in the DLQ and the queue is empty; returns the DLQ's bodies, sorted.
 */
export async function throughShortQueue(district: LocalDistrict, base: QueueDef, name: string, handler: unknown, bodies: string[], poison: number): Promise<string[]> {
  const { SendMessageCommand, ReceiveMessageCommand } = await import('@aws-sdk/client-sqs');
  const { pollQueue } = await import('../../infra/local/queues.ts');
  const { eventually } = await import('./district.ts');
  const { main, dlq, def } = await shortQueue(district, base, name);
  const client = district.queues.client;
  for (const MessageBody of bodies) await client.send(new SendMessageCommand({ QueueUrl: main, MessageBody, ...(base.fifo ? { MessageGroupId: 'g', MessageDeduplicationId: `${name}-${bodies.indexOf(MessageBody)}` } : {}) }));
  const poller = pollQueue(client, main, def, async () => handler as never, () => undefined);
  try {
    await eventually(async () => (await queueDepth(district, dlq)) === poison || null, 20_000);
    await eventually(async () => (await queueDepth(district, main)) === 0 || null, 10_000);
  } finally {
    await poller.stop();
  }
  const inDlq = await client.send(new ReceiveMessageCommand({ QueueUrl: dlq, MaxNumberOfMessages: 10 }));
  return (inDlq.Messages ?? []).map((m) => m.Body ?? '').sort();
}
