// A household code stays usable until the submission it was issued for is stored (or its
// campaign or ballot closes): a resident who opens the letter, is interrupted and comes back
// later signs in again with the same code. The submission's own transaction spends it.
import type { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Principal } from '../../shared/access.ts';
import { Conflict } from '../../shared/errors.ts';
import { tableName } from '../lib/clients.ts';
import { keys } from '../lib/keys.ts';

type Resident = Extract<Principal, { kind: 'resident' }>;
type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

/**
 * The writes that spend the resident's code, for the submission's transaction. Their
 * condition fails when the code was revoked or replaced since the sign-in (a lost letter
 * reissued): the submission is then refused too.
 */
export function spendCodeWrites(principal: Resident, at: string): TransactItem[] {
  const TableName = tableName();
  const hash = principal.codeRef ?? '';
  return [
    { Update: {
      TableName, Key: keys.unitCode(principal.compoundId, principal.purpose.id, principal.building, principal.unit),
      UpdateExpression: 'SET usedAt = if_not_exists(usedAt, :now)',
      ConditionExpression: 'codeHash = :h AND attribute_not_exists(revokedAt)',
      ExpressionAttributeValues: { ':now': at, ':h': hash },
    } },
    { Update: {
      TableName, Key: keys.householdCode(hash),
      UpdateExpression: 'SET usedAt = if_not_exists(usedAt, :now)',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(revokedAt)',
      ExpressionAttributeValues: { ':now': at },
    } },
  ];
}

/**
 * For a household that already voted (online or on paper) and tries again online: the attempt
 * is recorded once per code, so a kept token cannot fill the conflict list.
 */
export function conflictOnceWrite(principal: Resident, at: string): TransactItem {
  return { Update: {
    TableName: tableName(), Key: keys.unitCode(principal.compoundId, principal.purpose.id, principal.building, principal.unit),
    UpdateExpression: 'SET conflictAt = :now',
    ConditionExpression: 'codeHash = :h AND attribute_not_exists(conflictAt)',
    ExpressionAttributeValues: { ':now': at, ':h': principal.codeRef ?? '' },
  } };
}

/** Whether a cancelled transaction failed on the spend writes, which come last in it. */
export function codeRefused(reasons: { Code?: string }[], spendIndex: number): boolean {
  return [reasons[spendIndex], reasons[spendIndex + 1]].some((r) => r?.Code === 'ConditionalCheckFailed');
}

export class CodeReplaced extends Conflict {
  constructor() {
    super('This household code was revoked or replaced after you signed in; use the new letter, or ask your community office', 'code_replaced');
  }
}
