// Why each test file has a DynamoDB Local of its own (test/support/dynamo.ts): writes to a table
// with a stream slow down with every stream record the JVM has kept, also after their tables are
// dropped; tables without a stream do not. Run: npx tsx test/bench/dynamo-local-streams.mts
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ensureTable, startDynamo } from '../../infra/local/dynamodb.ts';
import { freePort } from '../../infra/local/ports.ts';

const dynamo = await startDynamo(await freePort(), null);
const doc = DynamoDBDocumentClient.from(dynamo.client);
const WRITES = 500;

async function timeTable(name: string, stream: boolean): Promise<number> {
  const start = performance.now();
  await ensureTable(dynamo.client, name, { stream });
  for (let i = 0; i < WRITES; i += 25) {
    await Promise.all(Array.from({ length: 25 }, (_, j) => doc.send(new PutCommand({ TableName: name, Item: { pk: `P#${(i + j) % 20}`, sk: `S#${i + j}`, data: 'x'.repeat(300) } }))));
  }
  return performance.now() - start;
}

const rows: [string, number, number][] = [];
rows.push(['fresh JVM', await timeTable('fresh-streamed', true), await timeTable('fresh-plain', false)]);
for (let t = 0; t < 20; t++) await timeTable(`filler-${t}`, true);
rows.push(['20 streamed tables written', await timeTable('after-streamed', true), await timeTable('after-plain', false)]);
for (let t = 0; t < 20; t++) await dynamo.client.send(new DeleteTableCommand({ TableName: `filler-${t}` }));
rows.push(['and then dropped', await timeTable('dropped-streamed', true), await timeTable('dropped-plain', false)]);
await dynamo.stop();

console.log(`${WRITES} writes to a new table, ms (ratio against the fresh JVM)`);
console.log('| state | with stream | ratio | without stream | ratio |\n|---|---:|---:|---:|---:|');
for (const [state, streamed, plain] of rows) {
  console.log(`| ${state} | ${streamed.toFixed(0)} | ${(streamed / rows[0]![1]).toFixed(2)} | ${plain.toFixed(0)} | ${(plain / rows[0]![2]).toFixed(2)} |`);
}
