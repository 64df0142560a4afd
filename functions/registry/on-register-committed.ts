import { queues } from '../manifest.ts';
import { sqsConsumer } from '../lib/consumer.ts';
import { logger } from '../lib/logger.ts';
import { storeTotals } from './register-store.ts';

export const handler = sqsConsumer(queues.registerEvents, async (event) => {
  const totals = await storeTotals(event.compoundId, event.version);
  logger.info('register totals stored', { compoundId: event.compoundId, version: event.version, units: totals?.unitCount ?? null });
});
