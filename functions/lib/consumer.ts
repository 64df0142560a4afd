// SQS consumers: Powertools batch processing reports each failed message back to Lambda
// (batchItemFailures) so that only it is retried and, after maxReceiveCount, lands in the
// queue's DLQ. A message that does not match its schema fails the same way: it is a poison
// message and must not block its batch.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import * as z from 'zod/mini';
import '../../shared/zod-en.ts';
import type { QueueDef } from '../manifest.ts';
import { logger } from './logger.ts';

export class PoisonMessage extends Error {}

/** A record's message, checked against its queue's schema; anything else is poison. */
function messageOf<Q extends QueueDef>(queue: Q, record: SQSRecord): z.output<Q['message']> {
  let json: unknown;
  try {
    json = JSON.parse(record.body);
  } catch {
    throw new PoisonMessage(`message ${record.messageId} on ${queue.name} is not JSON`);
  }
  const parsed = z.safeParse(queue.message, json);
  if (!parsed.success) {
    throw new PoisonMessage(`message ${record.messageId} on ${queue.name} does not match its schema: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  }
  return parsed.data as z.output<Q['message']>;
}

/**
 * A FIFO batch, its groups side by side and each group's messages in order: the first failure in
 * a group fails it and every later message of that group (they come back after it, in order),
 * while the other groups go on. Powertools' FIFO processor keeps the order too, but one message
 * at a time across the whole batch.
 */
async function fifoBatch(records: SQSRecord[], handle: (record: SQSRecord) => Promise<void>): Promise<string[]> {
  const groups = new Map<string, SQSRecord[]>();
  for (const r of records) {
    const group = r.attributes?.MessageGroupId ?? r.messageId;
    groups.set(group, [...(groups.get(group) ?? []), r]);
  }
  const failed: string[] = [];
  await Promise.all([...groups.values()].map(async (inOrder) => {
    for (const [i, record] of inOrder.entries()) {
      try {
        await handle(record);
      } catch (error) {
        logger.error(error instanceof PoisonMessage ? 'poison message' : 'message failed', { messageId: record.messageId, reason: (error as Error).message });
        failed.push(...inOrder.slice(i).map((r) => r.messageId));
        return;
      }
    }
  }));
  return failed;
}

export function sqsConsumer<Q extends QueueDef>(queue: Q, fn: (message: z.output<Q['message']>, record: SQSRecord) => Promise<void>) {
  const processor = new BatchProcessor(EventType.SQS);
  const recordHandler = async (record: SQSRecord) => fn(messageOf(queue, record), record);
  return middy<SQSEvent, SQSBatchResponse, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(async (event, context) => {
      logger.appendKeys({ queue: queue.name });
      const response = queue.fifo
        ? { batchItemFailures: (await fifoBatch(event.Records, recordHandler)).map((itemIdentifier) => ({ itemIdentifier })) }
        : await processPartialResponse(event, recordHandler, processor, { context });
      if (response.batchItemFailures.length > 0) {
        logger.warn('batch had failures', { failed: response.batchItemFailures.length, of: event.Records.length });
      }
      return response;
    });
}

/**
 * A consumer that handles a whole batch at once (to group writes, e.g. one transaction per
 * compound). Poison messages fail alone; `fn` returns the ids of the messages it could not
 * handle, or throws to fail all the valid ones. Same partial-failure contract as above.
 */
export function sqsBatchConsumer<Q extends QueueDef>(queue: Q, fn: (messages: { message: z.output<Q['message']>; record: SQSRecord }[]) => Promise<string[]>) {
  return middy<SQSEvent, SQSBatchResponse, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(async (event) => {
      logger.appendKeys({ queue: queue.name });
      const failed: string[] = [];
      const valid: { message: z.output<Q['message']>; record: SQSRecord }[] = [];
      for (const record of event.Records) {
        try {
          valid.push({ message: messageOf(queue, record), record });
        } catch (error) {
          logger.error('poison message', { messageId: record.messageId, reason: (error as Error).message });
          failed.push(record.messageId);
        }
      }
      if (valid.length > 0) {
        try {
          failed.push(...(await fn(valid)));
        } catch (error) {
          logger.error('batch failed', { error: error as Error, messages: valid.length });
          failed.push(...valid.map((v) => v.record.messageId));
        }
      }
      if (failed.length > 0) logger.warn('batch had failures', { failed: failed.length, of: event.Records.length });
      return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
    });
}
