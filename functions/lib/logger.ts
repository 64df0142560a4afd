import { Logger } from '@aws-lambda-powertools/logger';

// Log keys and ids only. Names, phones and codes never go to a log line (README, privacy).
export const logger = new Logger({ serviceName: 'gongzhi', logLevel: (process.env.LOG_LEVEL as 'INFO' | undefined) ?? 'INFO' });
