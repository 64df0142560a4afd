// The relay reads every change of the table; only outbox items are its business. Any other
// item, whatever its shape, must pass without a failure, or the stream would stall on it.
import { describe, expect, it } from 'vitest';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { handler } from '../../functions/relay/stream-relay.ts';
import { lambdaContext } from '../../infra/local/lambda-context.ts';

describe('stream relay', () => {
  it('passes over items that are not outbox items, even ones unmarshall refuses', async () => {
    const event = { Records: [
      // DynamoDB Local streams an empty map attribute as {} (no type): an election with no gates signed yet.
      { eventName: 'INSERT', dynamodb: { SequenceNumber: '1', Keys: { pk: { S: 'BALLOTS#p1' }, sk: { S: 'ELECTION#e1' } }, NewImage: { pk: { S: 'BALLOTS#p1' }, sk: { S: 'ELECTION#e1' }, gates: {} } } },
      { eventName: 'MODIFY', dynamodb: { SequenceNumber: '2', Keys: { pk: { S: 'OUTBOX#x' }, sk: { S: 'EVENT' } }, NewImage: { pk: { S: 'OUTBOX#x' }, sk: { S: 'EVENT' } } } },
      { eventName: 'REMOVE', dynamodb: { SequenceNumber: '3', Keys: { pk: { S: 'OUTBOX#y' }, sk: { S: 'EVENT' } } } },
    ] } as unknown as DynamoDBStreamEvent;
    const out = await handler(event, lambdaContext('stream-relay', 10));
    expect(out.batchItemFailures).toEqual([]);
  });
});
