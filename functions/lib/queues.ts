import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { allQueues } from '../manifest.ts';

const sqs = new SQSClient({});
let urls: Record<string, string> | undefined;

/** Queue URLs by manifest name, passed in one variable by the stack or the local district. */
export function queueUrl(name: string): string {
  urls ??= JSON.parse(process.env.QUEUE_URLS ?? '{}') as Record<string, string>;
  const url = urls[name];
  if (!url) throw new Error(`no URL for queue ${name}`);
  return url;
}

export async function sendToQueue(name: string, body: string, eventId: string, groupId?: string): Promise<void> {
  const def = allQueues.find((q) => q.name === name);
  if (!def) throw new Error(`queue ${name} is not in the manifest`);
  await sqs.send(
    new SendMessageCommand({
      QueueUrl: queueUrl(name),
      MessageBody: body,
      ...(def.fifo ? { MessageGroupId: groupId ?? eventId, MessageDeduplicationId: eventId } : {}),
    }),
  );
}
