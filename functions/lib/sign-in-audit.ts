// Staff sign-ins in the audit trail when the district's identity provider is not Cognito (whose
// post-authentication trigger writes them): an external OIDC issuer calls nothing of ours, so a
// sign-in is recorded the first time its token is used. One token is one sign-in: a marker keyed
// by a hash of issuer, subject and issue time is put with the audit entry in one transaction, on
// condition that it is new, so any number of functions and containers record it once.
import { createHash } from 'node:crypto';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { Principal } from '../../shared/access.ts';
import { auditPut } from './audit.ts';
import { ddb, tableName } from './clients.ts';

type Staff = Extract<Principal, { kind: 'staff' }>;

/** Tokens this container already recorded (or found recorded): at most one write per token and container. */
const seen = new Set<string>();

/** A NumericDate claim, as a number or as the string API Gateway makes of it. */
function seconds(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,12}$/.test(value) ? Number(value) : NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

export function signInAuditEnabled(): boolean {
  return process.env.STAFF_SIGN_IN_AUDIT === 'first-use';
}

export async function auditFirstUse(principal: Staff, claims: Record<string, unknown>): Promise<void> {
  // API Gateway hands every claim to Lambda as a string ("1796170000"); a token without either
  // time is still one sign-in per token, keyed by its expiry.
  const signedIn = seconds(claims.auth_time) ?? seconds(claims.iat);
  const issuedAt = signedIn ?? seconds(claims.exp);
  if (issuedAt === null) return;
  const iss = typeof claims.iss === 'string' ? claims.iss : '';
  const id = createHash('sha256').update(`${iss}\u0000${principal.sub}\u0000${issuedAt}`).digest('base64url');
  if (seen.has(id)) return;
  const at = new Date();
  const expires = seconds(claims.exp) ?? Math.floor(at.getTime() / 1000) + 86_400;
  try {
    await ddb.send(new TransactWriteCommand({ TransactItems: [
      { Put: { TableName: tableName(), Item: { pk: `SIGNIN#${id}`, sk: 'SIGNIN', et: 'staff-sign-in', ttl: expires + 86_400 }, ConditionExpression: 'attribute_not_exists(pk)' } },
      auditPut(principal, { action: 'staff.sign-in', target: `user:${principal.sub}`, after: { source: 'oidc', issuer: iss, signedInAt: signedIn === null ? null : new Date(signedIn * 1000).toISOString() } }, at),
    ] }));
  } catch (error) {
    // Recorded already, by another function or container.
    if (!(error instanceof TransactionCanceledException)) throw error;
  }
  if (seen.size > 5000) seen.clear();
  seen.add(id);
}
