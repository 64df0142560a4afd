// Events from records: the outbox item is written with the record, the stream relay sends
// it, consumers are idempotent, and a poison message ends in the DLQ instead of looping.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { queueDepth as depthOf, shortQueue } from '../support/queues.ts';
import { eventually, testDistrict } from '../support/district.ts';
import type { LocalDistrict } from '../../infra/local/district.ts';
import { pollStream, type StreamHandler } from '../../infra/local/stream-poller.ts';
import { pollQueue, type SqsHandler } from '../../infra/local/queues.ts';
import { demoDistrict, demoRegisterRows, rowsToCsv } from '../../infra/local/demo-district.ts';
import { queues, streamRelay } from '../../functions/manifest.ts';
import { RegisterCommitted } from '../../shared/events.ts';
import { registerTotals } from '../../shared/registry/register.ts';
import { keys } from '../../functions/lib/keys.ts';

const d = demoDistrict();
const SYSTEM = { kind: 'staff', sub: 'test', role: 'district_admin', scopeId: 'district', name: '' } as const;

let district: LocalDistrict;
beforeAll(async () => {
  // No relay: events must wait in the table until one runs.
  district = await testDistrict({ seed: 'structure', relay: false });
});
afterAll(async () => district?.stop());

const queueDepth = (url: string) => depthOf(district, url);

describe('events from records', () => {
  const compound = d.compounds[5]!;
  const rows = demoRegisterRows(compound);
  let sentBody = '';

  it('keeps the event in the table when nothing relays it, and sends it once a relay runs', async () => {
    const { importRegister } = await import('../../functions/registry/register-store.ts');
    const report = await importRegister(compound.id, { mode: 'commit', fileName: 'a.csv', contentBase64: Buffer.from(rowsToCsv(rows)).toString('base64') }, SYSTEM);
    expect(report.version).toBe(1);
    // The process "died" before any send: the event exists only as an outbox item.
    const outbox = await district.doc.send(new ScanCommand({ TableName: district.tableName, FilterExpression: 'begins_with(pk, :p)', ExpressionAttributeValues: { ':p': 'OUTBOX#' } }));
    expect(outbox.Items).toHaveLength(1);
    sentBody = outbox.Items![0]!.body;
    expect(JSON.parse(outbox.Items![0]!.body)).toMatchObject({ type: 'register.committed', compoundId: compound.id, version: 1 });
    expect(await queueDepth(district.queues.urls[queues.registerEvents.name]!)).toBe(0);

    // A relay starts later (a new process): it reads the stream from the table and sends.
    const { handler } = await import('../../functions/relay/stream-relay.ts');
    const relay = pollStream({ endpoint: district.dynamoEndpoint, streamArn: district.streamArn, batchSize: streamRelay.batchSize, retryAttempts: 3, checkpointFile: null, load: async () => handler as unknown as StreamHandler, onError: () => undefined });
    try {
      // The district's poller hands it to the consumer, which stores the totals.
      await eventually(async () => {
        const { Item } = await district.doc.send(new GetCommand({ TableName: district.tableName, Key: keys.registerVersion(compound.id, 1) }));
        return Item?.totals ? Item : null;
      });
      await eventually(async () => {
        const left = await district.doc.send(new ScanCommand({ TableName: district.tableName, FilterExpression: 'begins_with(pk, :p)', ExpressionAttributeValues: { ':p': 'OUTBOX#' } }));
        return left.Items?.length === 0 || null;
      });
    } finally {
      await relay.stop();
    }
  });

  it('consumes the event idempotently: a duplicate delivery stores the same totals', async () => {
    const { handler } = await import('../../functions/registry/on-register-committed.ts');
    const before = await district.doc.send(new GetCommand({ TableName: district.tableName, Key: keys.compound(compound.id) }));
    const record = { messageId: 'm1', receiptHandle: 'r1', body: sentBody, attributes: {}, messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn', awsRegion: 'us-east-1' };
    const ctx = (await import('../../infra/local/lambda-context.ts')).lambdaContext('c', 30);
    const first = await handler({ Records: [record] } as never, ctx);
    const second = await handler({ Records: [record, { ...record, messageId: 'dup' }] } as never, ctx);
    expect(first.batchItemFailures).toEqual([]);
    expect(second.batchItemFailures).toEqual([]);
    const { Item } = await district.doc.send(new GetCommand({ TableName: district.tableName, Key: keys.registerVersion(compound.id, 1) }));
    expect(Item!.totals).toEqual(registerTotals(rows));
    const { Item: c } = await district.doc.send(new GetCommand({ TableName: district.tableName, Key: keys.compound(compound.id) }));
    expect(c!.unitCount).toBe(rows.length);
    expect(c).toEqual(before.Item);
  });

  it('accepts every version of the message its producer has emitted (contract)', () => {
    const v1 = { type: 'register.committed', v: 1, eventId: '0m1abc', compoundId: 'p0001', version: 3 };
    expect(RegisterCommitted.parse(v1)).toEqual(v1);
    expect(RegisterCommitted.safeParse({ ...v1, v: 2 }).success).toBe(false);
  });
});

describe('poison messages', () => {
  it('fails only the bad message of a batch; the good ones are deleted and the bad one reaches the DLQ', async () => {
    const { handler } = await import('../../functions/registry/on-register-committed.ts');
    // The real consumer and poller on a queue with a short visibility timeout, so the
    // redrive happens within the test (the manifest's queue waits 60 s between tries).
    const { main, dlq, def } = await shortQueue(district, queues.registerEvents, 'poison');
    const client = district.queues.client;

    const compound = d.compounds[6]!;
    const { importRegister } = await import('../../functions/registry/register-store.ts');
    await importRegister(compound.id, { mode: 'commit', fileName: 'b.csv', contentBase64: Buffer.from(rowsToCsv(demoRegisterRows(compound))).toString('base64') }, SYSTEM);
    const good = (n: number) => JSON.stringify({ type: 'register.committed', v: 1, eventId: `good-${n}`, compoundId: compound.id, version: 1 });
    const bodies = [good(1), '{"type":"register.committed","v":1,"compoundId":42}', good(2), 'not json at all'];
    for (const MessageBody of bodies) await client.send(new SendMessageCommand({ QueueUrl: main, MessageBody }));

    let handled = 0;
    const counted: SqsHandler = async (event, ctx) => {
      handled += event.Records.length;
      return (handler as unknown as SqsHandler)(event, ctx);
    };
    const poller = pollQueue(client, main, def, async () => counted, () => undefined);
    try {
      await eventually(async () => (await queueDepth(dlq)) === 2 || null, 20_000);
      await eventually(async () => (await queueDepth(main)) === 0 || null, 10_000);
    } finally {
      await poller.stop();
    }
    const inDlq = await client.send(new ReceiveMessageCommand({ QueueUrl: dlq, MaxNumberOfMessages: 10 }));
    expect(inDlq.Messages!.map((m) => m.Body).sort()).toEqual([bodies[1], bodies[3]].sort());
    // Each bad message was tried maxReceiveCount times, the good ones once: no retry loop.
    expect(handled).toBe(2 + 2 * def.maxReceiveCount);
    const totals = await district.doc.send(new QueryCommand({ TableName: district.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `COMPOUND#${compound.id}` } }));
    expect(totals.Items![0]!.totals).not.toBeNull();
  });
});
