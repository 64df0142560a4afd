// Sends each queued message to the 12345 platform's API, signed with the district's webhook key.
// A refusal or an unreachable platform fails the message: it comes back after a delay that
// doubles with each try (5 s, 10 s, … at most 15 minutes), and after the queue's last try it
// waits in the DLQ. The rest of the case's messages wait behind it (FIFO group).
import { randomBytes } from 'node:crypto';
import { ChangeMessageVisibilityCommand, SQSClient } from '@aws-sdk/client-sqs';
import { queues } from '../manifest.ts';
import { sqsConsumer } from '../lib/consumer.ts';
import { queueUrl } from '../lib/queues.ts';
import { logger } from '../lib/logger.ts';
import { sign, SIGNATURE_HEADERS } from './signature.ts';
import { webhookKeys } from './webhook-key.ts';
import { feedbackUrl } from './feedback.ts';

const sqs = new SQSClient({});
const TIMEOUT_MS = 10_000;

/** Seconds before the nth try (n from 1): 5 s doubling, at most 15 minutes. */
export function backoffSeconds(receiveCount: number): number {
  return Math.min(900, 5 * 2 ** Math.max(0, receiveCount - 1));
}

export const handler = sqsConsumer(queues.platformFeedback, async (message, record) => {
  const url = feedbackUrl();
  if (!url) throw new Error('PLATFORM_FEEDBACK_URL is not set; the message waits until it is');
  const body = JSON.stringify(message.payload);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomBytes(16).toString('base64url');
  const [key] = await webhookKeys();
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [SIGNATURE_HEADERS.timestamp]: timestamp,
        [SIGNATURE_HEADERS.nonce]: nonce,
        [SIGNATURE_HEADERS.signature]: sign(key!, timestamp, nonce, body),
      },
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!res.ok) throw new Error(`the platform answered ${res.status}`);
    logger.info('feedback delivered', { caseId: message.caseId, kind: message.payload.kind });
  } catch (error) {
    const tries = Number(record.attributes.ApproximateReceiveCount ?? 1);
    const delay = backoffSeconds(tries);
    logger.warn('feedback not delivered; retrying later', { caseId: message.caseId, tries, delaySeconds: delay, reason: (error as Error).message });
    await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl(queues.platformFeedback.name), ReceiptHandle: record.receiptHandle, VisibilityTimeout: delay })).catch(() => undefined);
    throw error;
  }
});
