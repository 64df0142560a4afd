// The scope rule 'case': an appeal may be seen by the hotline centre, the district, the unit in
// charge and the community or street where it happened (shared/appeals/permissions.ts).
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Principal } from '../../shared/access.ts';
import { maySee } from '../../shared/appeals/permissions.ts';
import { Forbidden, NotFound } from '../../shared/errors.ts';
import { ddb, tableName } from './clients.ts';
import { keys } from './keys.ts';

export async function checkCaseScope(principal: Extract<Principal, { kind: 'staff' }>, caseId: string): Promise<void> {
  const { Item } = await ddb.send(new GetCommand({ TableName: tableName(), Key: keys.appealCase(caseId), ProjectionExpression: 'place, #u', ExpressionAttributeNames: { '#u': 'unit' }, ConsistentRead: true }));
  if (!Item) throw new NotFound('Case');
  if (!maySee(principal, { unit: Item.unit ?? null, communityId: Item.place?.communityId ?? null, streetId: Item.place?.streetId ?? null })) throw new Forbidden('This case is outside your scope');
}
