import { Logger } from '@aws-lambda-powertools/logger';
import { maskNumbers } from '../../shared/privacy.ts';

// Log keys and ids only. Names, phones and codes never go to a log line (README, privacy).
// An error's message or stack can still quote input (JSON.parse shows the text it failed
// on), so phone and ID numbers in those free-text fields are masked on the way out. Ids and
// timestamps are left alone: masking them would break tracing.
const FREE_TEXT = new Set(['message', 'stack', 'reason', 'cause']);

export function maskLogValue(key: string, value: unknown): unknown {
  return typeof value === 'string' && FREE_TEXT.has(key) ? maskNumbers(value) : value;
}

export const logger = new Logger({ serviceName: 'gongzhi', logLevel: (process.env.LOG_LEVEL as 'INFO' | undefined) ?? 'INFO', jsonReplacerFn: maskLogValue });
