import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { ddb, tableName } from '../lib/clients.ts';
import { keys } from '../lib/keys.ts';

export const handler = httpHandler(routes.auditList, async ({ query }) => {
  const month = query.month ?? new Date().toISOString().slice(0, 7);
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':pk': keys.auditMonthPk(month) };
  const filters: string[] = [];
  if (query.actor) {
    filters.push('#actor = :actor');
    names['#actor'] = 'actor';
    values[':actor'] = query.actor;
  }
  if (query.target) {
    filters.push('begins_with(#target, :target)');
    names['#target'] = 'target';
    values[':target'] = query.target;
  }
  const entries: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await ddb.send(new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk',
      FilterExpression: filters.length ? filters.join(' AND ') : undefined,
      ExpressionAttributeNames: filters.length ? names : undefined,
      ExpressionAttributeValues: values,
      ScanIndexForward: false,
      ExclusiveStartKey,
    }));
    for (const { pk: _pk, sk: _sk, et: _et, ...entry } of page.Items ?? []) entries.push(entry);
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey && entries.length < query.limit);
  return { month, entries: entries.slice(0, query.limit) };
});
