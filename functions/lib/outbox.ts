// Events from records (DESIGN.md, data rules): an event is an outbox item written in the
// same transaction as the record it is about. The table's stream hands every new outbox
// item to the relay (functions/relay), which sends it to its queue and then deletes it.
// A crash anywhere leaves either no record and no event, or both.
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { QueueName } from '../manifest.ts';
import { keys } from './keys.ts';
import { tableName } from './clients.ts';
import { newId } from './ids.ts';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export interface OutboxEvent {
  queue: QueueName;
  body: { type: string; eventId: string } & Record<string, unknown>;
  /** FIFO queues only: events of one group are delivered in order. */
  groupId?: string;
}

export function outboxPut(event: Omit<OutboxEvent, 'body'> & { body: Omit<OutboxEvent['body'], 'eventId'> & { eventId?: string } }): { item: TransactItem; eventId: string } {
  const eventId = event.body.eventId ?? newId();
  const now = new Date();
  return {
    eventId,
    item: {
      Put: {
        TableName: tableName(),
        Item: {
          ...keys.outbox(eventId),
          et: 'outbox',
          queue: event.queue,
          body: JSON.stringify({ ...event.body, eventId }),
          groupId: event.groupId,
          createdAt: now.toISOString(),
          // A sent event is deleted by the relay; TTL is only the backstop for a stuck one
          // after an operator has inspected it (two weeks).
          ttl: Math.floor(now.getTime() / 1000) + 14 * 86_400,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  };
}
