import { queues } from '../manifest.ts';
import { sqsBatchConsumer } from '../lib/consumer.ts';
import { logger } from '../lib/logger.ts';
import { applyRatingEvents } from './live-store.ts';

export const handler = sqsBatchConsumer(queues.ratingEvents, async (messages) => {
  const changed = await applyRatingEvents(messages.map((m) => m.message));
  logger.info('live figures updated', { messages: messages.length, changed });
  return [];
});
