import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import * as routes from '../routes.ts';
import { HttpResult, httpHandler } from '../lib/http.ts';
import { ddb, tableName } from '../lib/clients.ts';
import { keys } from '../lib/keys.ts';
import { auditPut } from '../lib/audit.ts';
import { Conflict } from '../../shared/errors.ts';
import type { CompanyItem } from './model.ts';

// Property companies are district-wide: only a district admin adds or renames one.
export const handler = httpHandler(routes.companyPut, async ({ params, body }, { principal }) => {
  const TableName = tableName();
  const key = keys.company(params.companyId);
  const { Item: before } = await ddb.send(new GetCommand({ TableName, Key: key, ConsistentRead: true }));
  const after: CompanyItem = { et: 'company', id: params.companyId, name: body.name, ...(body.creditCode ? { creditCode: body.creditCode } : {}) };
  try {
    await ddb.send(new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName,
            Item: { ...key, ...after },
            ConditionExpression: before ? '#n = :name' : 'attribute_not_exists(pk)',
            ExpressionAttributeNames: before ? { '#n': 'name' } : undefined,
            ExpressionAttributeValues: before ? { ':name': before.name } : undefined,
          },
        },
        auditPut(principal, { action: before ? 'company.update' : 'company.create', target: `company:${params.companyId}`, before, after }),
      ],
    }));
  } catch (error) {
    if ((error as Error).name === 'TransactionCanceledException') throw new Conflict('The company changed meanwhile; reload and try again', 'stale_revision');
    throw error;
  }
  return new HttpResult(before ? 200 : 201, { company: after });
});
