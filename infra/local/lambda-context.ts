import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

/** The parts of a Lambda context that our middleware and Powertools read. */
export function lambdaContext(functionName: string, timeoutSeconds: number): Context {
  // The test suite runs many districts on one small machine: its functions get longer than
  // Lambda would give them (GONGZHI_TIMEOUT_SCALE), so a slow machine is not a failed request.
  // Speed is measured by the benchmarks, never by a test's clock.
  const scale = Number(process.env.GONGZHI_TIMEOUT_SCALE) || 1;
  const deadline = Date.now() + timeoutSeconds * scale * 1000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/local/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
