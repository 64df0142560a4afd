// The relay between the table and the queues: every outbox item the stream shows as new is
// sent to its queue and then deleted. A failure reports that record back so the stream
// retries from it; a duplicate send (crash after send, before delete) is harmless because
// consumers are idempotent.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import middy from '@middy/core';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { ddb, tableName } from '../lib/clients.ts';
import { OUTBOX_PREFIX } from '../lib/keys.ts';
import { logger } from '../lib/logger.ts';
import { sendToQueue } from '../lib/queues.ts';

const processor = new BatchProcessor(EventType.DynamoDBStreams);

async function relayRecord(record: DynamoDBRecord): Promise<void> {
  const image = record.dynamodb?.NewImage;
  if (record.eventName !== 'INSERT' || !image) return;
  // Look at the key first: other items are none of the relay's business, and unmarshalling
  // them could only fail (DynamoDB Local streams an empty map as `{}`, which unmarshall refuses).
  if (!record.dynamodb?.Keys?.pk?.S?.startsWith(OUTBOX_PREFIX)) return;
  const item = unmarshall(image as Record<string, AttributeValue>);
  if (typeof item.pk !== 'string') return;
  const eventId = item.pk.slice(OUTBOX_PREFIX.length);
  await sendToQueue(String(item.queue), String(item.body), eventId, item.groupId as string | undefined);
  await ddb.send(new DeleteCommand({ TableName: tableName(), Key: { pk: item.pk, sk: item.sk } }));
  logger.info('event relayed', { eventId, queue: item.queue });
}

export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse, Error, Context>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event, context) => processPartialResponse(event, relayRecord, processor, { context }));
