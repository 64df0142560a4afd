import { queues } from '../manifest.ts';
import { sqsConsumer } from '../lib/consumer.ts';
import { logger } from '../lib/logger.ts';
import { applyEvaluationEvent } from './live-store.ts';

export const handler = sqsConsumer(queues.evaluationEvents, async (message) => {
  const changed = await applyEvaluationEvent(message);
  logger.info('evaluation counted', { type: message.type, changed });
});
