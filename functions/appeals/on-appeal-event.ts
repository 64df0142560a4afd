// Consumer of the appeal-events FIFO queue (grouped by case, so one case's steps arrive in
// order). Each event names a case and the revision it produced; the consumer re-reads the case
// (the source of truth) and brings what follows from it up to date: the live figures, the
// handling unit's notifications and, for 12345 work orders, the feedback to the platform.
// Each is idempotent by the case's revision, so a redelivered event changes nothing.
import { queues } from '../manifest.ts';
import { sqsConsumer } from '../lib/consumer.ts';
import { readCase } from './case-record.ts';
import { countCase } from './live-figures.ts';
import { queueFeedback } from './feedback.ts';
import { notifyUnit } from './notifications.ts';

export const handler = sqsConsumer(queues.appealEvents, async (message) => {
  const c = await readCase(message.caseId);
  // A case is never deleted: an event about a missing one is poison (it lands in the DLQ).
  if (!c) throw new Error(`appeal event names case ${message.caseId}, which is missing`);
  await countCase(c);
  await notifyUnit(c, message);
  await queueFeedback(c, message);
});
