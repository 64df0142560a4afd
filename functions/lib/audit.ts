// Append-only audit trail: every staff write adds one item in the same transaction as the
// write itself, with a condition that it is new, so it can be neither lost nor rewritten.
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Principal } from '../../shared/access.ts';
import { keys } from './keys.ts';
import { tableName } from './clients.ts';
import { newId } from './ids.ts';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export interface AuditEntry {
  action: string;
  target: string;
  before?: unknown;
  after?: unknown;
  /** When the principal's role is not known (a Cognito sign-in carries no groups). */
  actorRole?: string;
}

export function auditPut(principal: Principal, entry: AuditEntry, at = new Date()): TransactItem {
  const iso = at.toISOString();
  const actor = principal.kind === 'public' ? 'public' : principal.sub;
  return {
    Put: {
      TableName: tableName(),
      Item: {
        ...keys.audit(iso, newId(at.getTime())),
        et: 'audit',
        at: iso,
        actor,
        role: entry.actorRole ?? (principal.kind === 'staff' ? principal.role : principal.kind),
        scopeId: principal.kind === 'staff' ? principal.scopeId : '',
        action: entry.action,
        target: entry.target,
        before: entry.before === undefined ? undefined : JSON.stringify(entry.before),
        after: entry.after === undefined ? undefined : JSON.stringify(entry.after),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}
