import { startDynamo, ensureTable } from '/work/main/infra/local/dynamodb.ts';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
const d = await startDynamo(18766, null);
const doc = DynamoDBDocumentClient.from(d.client);
async function load(t: string, n: number) {
  for (let i = 0; i < n; i += 25) await Promise.all(Array.from({ length: 25 }, (_, j) => doc.send(new PutCommand({ TableName: t, Item: { pk: `P#${(i + j) % 20}`, sk: `S#${i + j}`, gsi1pk: `G#${(i+j)%7}`, gsi1sk: `x${i+j}`, data: 'x'.repeat(300) } }))));
}
async function measure(label: string) {
  await ensureTable(d.client, 'mmm', { stream: false });
  const t = Date.now();
  await load('mmm', 2000);
  for (let k = 0; k < 100; k++) await doc.send(new QueryCommand({ TableName: 'mmm', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': `P#${k % 20}` } }));
  console.log(label, Date.now() - t, 'ms');
  await d.client.send(new DeleteTableCommand({ TableName: 'mmm' }));
}
await measure('fresh');
const t0 = Date.now();
for (let r = 0; r < 40; r++) { const t = `xxx${r}`; const s = Date.now(); await ensureTable(d.client, t, { stream: true }); await load(t, 500); console.log('table', r, Date.now() - s); }
console.log('filled 60 tables in', Date.now() - t0);
await measure('with 60 tables present');
for (let r = 0; r < 40; r++) await d.client.send(new DeleteTableCommand({ TableName: `xxx${r}` }));
await measure('after dropping them');
await d.stop();
