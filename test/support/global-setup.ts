// One DynamoDB Local for the whole run, on a free port; every test file creates its own
// uniquely prefixed table and its own in-process SQS emulator through startLocalDistrict.
import type { TestProject } from 'vitest/node';
import { startDynamo } from '../../infra/local/dynamodb.ts';
import { freePort } from '../../infra/local/ports.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}

export default async function setup(project: TestProject) {
  const dynamo = await startDynamo(await freePort(), null);
  project.provide('dynamoEndpoint', dynamo.endpoint);
  return async () => {
    await dynamo.stop();
  };
}
