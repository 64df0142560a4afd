import { queues } from '../manifest.ts';
import { sqsBatchConsumer } from '../lib/consumer.ts';
import { logger } from '../lib/logger.ts';
import { applyEvaluationEvents } from './live-store.ts';

export const handler = sqsBatchConsumer(queues.evaluationEvents, async (messages) => {
  const changed = await applyEvaluationEvents(messages.map((m) => m.message));
  logger.info('evaluations counted', { messages: messages.length, changed });
  return [];
});
