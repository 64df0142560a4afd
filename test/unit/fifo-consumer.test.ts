// A FIFO batch: groups side by side, each group in order; a failure fails the rest of its group only.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import * as z from 'zod/mini';
import { sqsConsumer } from '../../functions/lib/consumer.ts';
import type { QueueDef } from '../../functions/manifest.ts';

const queue = { name: 't.fifo', fifo: true, consumer: 'x', message: z.object({ n: z.number(), fail: z.boolean() }), batchSize: 10, maxReceiveCount: 3, visibilityTimeoutSeconds: 30 } satisfies QueueDef;
const record = (id: string, group: string, body: string): SQSRecord => ({ messageId: id, receiptHandle: id, body, attributes: { MessageGroupId: group } as never, messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn', awsRegion: 'x' });
const context = { functionName: 'f', awsRequestId: 'r', getRemainingTimeInMillis: () => 30_000 } as never;

describe('FIFO consumer', () => {
  it('handles each group in order, fails a failed message and the rest of its group, and lets the other groups go on', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.record({ group: fc.constantFrom('a', 'b', 'c'), fail: fc.boolean(), poison: fc.boolean() }), { minLength: 1, maxLength: 10 }), async (spec) => {
      const seen: Record<string, number[]> = {};
      const handler = sqsConsumer(queue, async (m, r) => {
        const g = r.attributes.MessageGroupId!;
        (seen[g] ??= []).push(m.n);
        await new Promise((res) => setTimeout(res, (3 - m.n % 3) ));
        if (m.fail) throw new Error('failed');
      });
      const event: SQSEvent = { Records: spec.map((s, n) => record(`m${n}`, s.group, s.poison ? 'not json' : JSON.stringify({ n, fail: s.fail }))) };
      const failed = new Set((await handler(event, context)).batchItemFailures.map((f) => f.itemIdentifier));
      for (const g of ['a', 'b', 'c']) {
        const mine = spec.map((s, n) => ({ ...s, n })).filter((s) => s.group === g);
        const firstBad = mine.findIndex((s) => s.fail || s.poison);
        // In order, and nothing after the first failure was tried.
        expect(seen[g] ?? []).toEqual(mine.slice(0, firstBad < 0 ? mine.length : firstBad + 1).filter((s) => !s.poison).map((s) => s.n));
        for (const [i, s] of mine.entries()) expect(failed.has(`m${s.n}`)).toBe(firstBad >= 0 && i >= firstBad);
      }
    }), { numRuns: 60 });
  });
});
