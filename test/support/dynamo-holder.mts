// A process that starts a DynamoDB Local and waits, for the test that kills it (dynamo-local.test.ts).
import { startDynamo } from '../../infra/local/dynamodb.ts';
import { freePort } from '../../infra/local/ports.ts';

const dynamo = await startDynamo(await freePort(), null);
console.log(JSON.stringify({ pid: dynamo.pid, endpoint: dynamo.endpoint }));
setInterval(() => undefined, 60_000);
