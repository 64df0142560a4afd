// Household codes. The code itself exists only in the response that prints the letters and
// on paper; the table keeps its keyed hash. One live code per unit and purpose.
import { randomBytes } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { SignJWT } from 'jose';
import type { Principal, PurposeKind } from '../../shared/access.ts';
import { BadRequest, Conflict, DomainError, Forbidden, NotFound } from '../../shared/errors.ts';
import { codeFromBytes, formatCode, normalizeCode } from '../../shared/codes.ts';
import type { ExchangeCodeBody, IssueCodesBody, Letter } from '../../shared/auth-schemas.ts';
import { ddb, tableName } from '../lib/clients.ts';
import { queryAll } from '../lib/query.ts';
import { auditPut } from '../lib/audit.ts';
import { batchPut } from '../lib/batch-write.ts';
import { count, take } from '../lib/rate-limit.ts';
import { logger } from '../lib/logger.ts';
import { keys } from '../lib/keys.ts';
import { getCompound, listRegisterVersions } from '../registry/compound-store.ts';
import { loadRows } from '../registry/register-store.ts';
import { campaignState, getCampaign } from '../ratings/campaign-store.ts';
import { getBallot, roll } from '../votes/ballot-store.ts';
import { CODE_FAILURES_ALARM_MESSAGE } from '../lib/signals.ts';
import { codeHash, RESIDENT_AUDIENCE, residentIssuer, residentSigningKeys } from './secrets.ts';

export const RESIDENT_TOKEN_SECONDS = 30 * 60;
/**
 * A code has about 58 bits: no rate a limit allows makes it guessable. The limits stop abuse,
 * and only failures count, so households behind one carrier NAT never lock each other out.
 */
export const LIMITS = {
  /** Wrong codes per client address (sliding window): generous for a family that mistypes. */
  client: { name: 'code-client-failures', max: 20, windowSeconds: 15 * 60 },
  /**
   * Wrong codes naming one compound (or none) from anywhere: never a lock-out, since a valid
   * code is never refused for other people's failures. Past the threshold every further wrong
   * try is logged for the alarm and answered slowly.
   */
  compound: { name: 'code-compound-failures', alarmAt: 100, windowSeconds: 15 * 60, slowDownMs: 2000 },
  /**
   * Sign-ins with one right code (each audited): a family on several phones, again after an
   * interruption, stays far below; a script replaying a kept code cannot grow the audit trail.
   */
  perCode: { name: 'code-successes', max: 60, windowSeconds: 60 * 60 },
} as const;

export { CODE_FAILURES_ALARM_MESSAGE };

const codeKey = keys.householdCode;
const unitKey = keys.unitCode;

interface UnitCodeItem {
  building: string; unit: string; codeHash: string; purposeKind: PurposeKind; purposeId: string; purposeTitle: string;
  /** signedInAt: the last exchange for a token; usedAt: the submission that spent the code. */
  expiresAt: string; issuedAt: string; signedInAt?: string; usedAt?: string; revokedAt?: string;
}

/** signed_in: exchanged for a token at least once, the rating or vote not yet stored (the code still works). */
export type CodeStatus = 'issued' | 'signed_in' | 'used' | 'revoked' | 'expired';
function statusOf(item: Pick<UnitCodeItem, 'usedAt' | 'revokedAt' | 'expiresAt' | 'signedInAt'>, now = Date.now()): CodeStatus {
  if (item.revokedAt) return 'revoked';
  if (item.usedAt) return 'used';
  if (Date.parse(item.expiresAt) <= now) return 'expired';
  return item.signedInAt ? 'signed_in' : 'issued';
}

async function unitItems(compoundId: string, purposeId: string): Promise<UnitCodeItem[]> {
  return queryAll<UnitCodeItem>(keys.unitCodesPk(compoundId, purposeId));
}

function newCode(): string {
  return codeFromBytes(() => randomBytes(16));
}

/** The writes that make `code` the live code of a unit, replacing `previous` if any. */
async function codeWrites(compoundId: string, unit: { building: string; unit: string }, purpose: { kind: PurposeKind; id: string; title: string }, expiresAt: string, previous: UnitCodeItem | undefined, now: string) {
  const TableName = tableName();
  const code = newCode();
  const hash = await codeHash(code);
  const item: UnitCodeItem = { building: unit.building, unit: unit.unit, codeHash: hash, purposeKind: purpose.kind, purposeId: purpose.id, purposeTitle: purpose.title, expiresAt, issuedAt: now };
  const writes: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']> = [
    { Put: { TableName, Item: { ...codeKey(hash), et: 'household-code', compoundId, ...item }, ConditionExpression: 'attribute_not_exists(pk)' } },
    {
      Put: {
        TableName,
        Item: { ...unitKey(compoundId, purpose.id, unit.building, unit.unit), et: 'unit-code', ...item },
        ConditionExpression: previous ? 'codeHash = :prev' : 'attribute_not_exists(pk)',
        ExpressionAttributeValues: previous ? { ':prev': previous.codeHash } : undefined,
      },
    },
  ];
  if (previous && !previous.revokedAt) {
    writes.push({ Update: { TableName, Key: codeKey(previous.codeHash), UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :now)', ExpressionAttributeValues: { ':now': now } } });
  }
  return { code, writes };
}

export async function issueCodes(compoundId: string, body: IssueCodesBody, principal: Principal) {
  const compound = await getCompound(compoundId, true);
  if (!compound) throw new NotFound('Compound');
  if (!compound.currentVersion) throw new Conflict('Import the owners\' register before issuing codes', 'no_register');
  onlyBallotCodesForCommittee(principal, body.purpose.kind);
  body = { ...body, purpose: body.purpose.kind === 'rating' ? await ratingPurpose(compoundId, body) : await ballotPurpose(compoundId, body) };
  if (body.purpose.kind === 'ballot') await committeeBeforeOpening(principal, compoundId, body.purpose.id);
  // A ballot's letters go to the units of the register version it counts by (its roll), even
  // if the register was re-imported since; everything else to the current register's units.
  const ballot = body.purpose.kind === 'ballot' ? await getBallot(compoundId, body.purpose.id) : undefined;
  const registerVersion = ballot?.registerVersion ?? compound.currentVersion;
  const rows: { building: string; unit: string }[] = ballot
    ? await roll({ compoundId, ballotId: ballot.id })
    : await loadRows(compoundId, (await listRegisterVersions(compoundId)).find((v) => v.version === compound.currentVersion)!.contentHash);
  const release = await holdIssueLock(compoundId, body.purpose.id, principal);
  try {
    return await issueUnderLock(compoundId, compound, body, principal, rows, registerVersion);
  } finally {
    await release();
  }
}

const ISSUE_LOCK_SECONDS = 120;

/**
 * Two people pressing 生成入户码 for the same compound and purpose at once would each print a
 * letter for the units that had none, and only one of the two codes per unit would work. So
 * one issuing runs at a time; the other is told so. A crashed issuing frees it after two minutes.
 */
async function holdIssueLock(compoundId: string, purposeId: string, principal: Principal): Promise<() => Promise<void>> {
  const now = Date.now();
  const Key = keys.codeIssueLock(compoundId, purposeId);
  const token = randomBytes(8).toString('hex');
  try {
    await ddb.send(new PutCommand({
      TableName: tableName(), Item: { ...Key, et: 'code-issue-lock', token, by: principal.kind === 'staff' ? principal.sub : 'unknown', until: now + ISSUE_LOCK_SECONDS * 1000, ttl: Math.floor(now / 1000) + ISSUE_LOCK_SECONDS * 2 },
      ConditionExpression: 'attribute_not_exists(pk) OR #until < :now', ExpressionAttributeNames: { '#until': 'until' }, ExpressionAttributeValues: { ':now': now },
    }));
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new Conflict('Someone is issuing codes for this compound and purpose right now; wait a minute and look at the code list before issuing again', 'codes_being_issued');
    throw error;
  }
  return async () => {
    await ddb.send(new DeleteCommand({ TableName: tableName(), Key, ConditionExpression: '#token = :token', ExpressionAttributeNames: { '#token': 'token' }, ExpressionAttributeValues: { ':token': token } })).catch((error: unknown) => {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    });
  };
}

async function issueUnderLock(compoundId: string, compound: NonNullable<Awaited<ReturnType<typeof getCompound>>>, body: IssueCodesBody, principal: Principal, rows: { building: string; unit: string }[], registerVersion: number) {
  const existing = new Map((await unitItems(compoundId, body.purpose.id)).map((i) => [`${i.building}#${i.unit}`, i]));
  for (const item of existing.values()) {
    if (item.purposeKind !== body.purpose.kind) throw new BadRequest('This purpose id is already used for another kind', [{ path: 'body.purpose.kind', reason: `codes for ${body.purpose.id} are ${item.purposeKind} codes` }]);
  }
  const now = new Date().toISOString();
  const todo = rows.filter((r) => {
    const prev = existing.get(`${r.building}#${r.unit}`);
    if (!prev) return true;
    const status = statusOf(prev);
    if (status === 'used') return false; // a household that already signed in keeps its use
    return body.units === 'all' || (status !== 'issued' && status !== 'signed_in');
  });
  const letters: Letter[] = [];
  // First codes for a unit go in batches (the issuing lock keeps a second issuing out): no
  // previous code to revoke, and an exchange only accepts a code that its unit's entry points
  // at, so a code orphaned by a crash between the two writes can never be used. Replacements revoke the old code in
  // one transaction each.
  const fresh = todo.filter((r) => !existing.has(`${r.building}#${r.unit}`));
  const replacing = todo.filter((r) => existing.has(`${r.building}#${r.unit}`));
  const puts: Record<string, unknown>[] = [];
  for (const row of fresh) {
    const { code, writes } = await codeWrites(compoundId, row, body.purpose, body.expiresAt, undefined, now);
    for (const w of writes) if (w.Put) puts.push(w.Put.Item as Record<string, unknown>);
    letters.push({ building: row.building, unit: row.unit, code: formatCode(code) });
  }
  await batchPut(puts);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(16, replacing.length) }, async () => {
    while (next < replacing.length) {
      const row = replacing[next++]!;
      const { code, writes } = await codeWrites(compoundId, row, body.purpose, body.expiresAt, existing.get(`${row.building}#${row.unit}`), now);
      await ddb.send(new TransactWriteCommand({ TransactItems: writes }));
      letters.push({ building: row.building, unit: row.unit, code: formatCode(code) });
    }
  }));
  await ddb.send(new TransactWriteCommand({ TransactItems: [auditPut(principal, { action: 'codes.issue', target: `compound:${compoundId}`, after: { purposeId: body.purpose.id, issued: letters.length, kept: rows.length - todo.length, expiresAt: body.expiresAt } })] }));
  letters.sort((a, b) => (a.building + '\u0000' + a.unit).localeCompare(b.building + '\u0000' + b.unit, 'zh-CN', { numeric: true }));
  return { compound: { id: compound.id, name: compound.name, address: compound.address }, purpose: body.purpose, expiresAt: body.expiresAt, registerVersion, letters, kept: rows.length - todo.length };
}

/** Committees issue and reissue codes for their own ballots; rating codes stay with community, street and district staff. */
function onlyBallotCodesForCommittee(principal: Principal, kind: PurposeKind) {
  if (isCommittee(principal) && kind !== 'ballot') throw new Forbidden('Rating codes are issued by community, street or district staff');
}
const isCommittee = (p: Principal) => p.kind === 'staff' && p.role === 'committee';

/**
 * A committee prints its ballot's letters before voting opens. Once it is open, replacing a
 * household's code (a lost letter) is for community, street or district staff: a committee,
 * with a stake in the vote, could otherwise take over the votes of owners who have not voted.
 */
async function committeeBeforeOpening(principal: Principal, compoundId: string, ballotId: string) {
  if (!isCommittee(principal)) return;
  const ballot = await getBallot(compoundId, ballotId, true);
  if (ballot && Date.parse(ballot.opensAt) <= Date.now()) throw new Forbidden('Voting has opened: lost letters are reissued by community, street or district staff');
}

/** Who may see which households used a code: staff for every purpose; a committee for its own ballots only. */
export async function codeStatusesFor(principal: Principal, compoundId: string, purposeId: string) {
  // Which households took part in a rating, and when, is not for neighbours to see.
  if (isCommittee(principal) && !(await getBallot(compoundId, purposeId))) throw new Forbidden('A committee follows the codes of its own ballots; rating codes are followed by community, street or district staff');
  return codeStatuses(compoundId, purposeId);
}

/** A rating code names a stored campaign that asks this compound and has not closed. */
async function ratingPurpose(compoundId: string, body: IssueCodesBody): Promise<IssueCodesBody['purpose']> {
  const campaign = await getCampaign(body.purpose.id);
  if (!campaign || !campaign.compoundIds.includes(compoundId)) throw new BadRequest('No rating campaign with this id asks this compound', [{ path: 'body.purpose.id', reason: 'not a campaign of this compound' }]);
  if (campaignState(campaign) === 'closed') throw new Conflict('The campaign has closed', 'campaign_closed');
  if (Date.parse(body.expiresAt) > Date.parse(campaign.closesAt)) throw new BadRequest('Codes cannot outlive their campaign', [{ path: 'body.expiresAt', reason: `at most the campaign's close, ${campaign.closesAt}` }]);
  // The letter prints the campaign's own title, whatever the form sent.
  return { kind: 'rating', id: campaign.id, title: campaign.title };
}

/** A ballot code names an announced ballot of this compound whose voting has not closed. */
async function ballotPurpose(compoundId: string, body: IssueCodesBody): Promise<IssueCodesBody['purpose']> {
  const ballot = await getBallot(compoundId, body.purpose.id);
  if (!ballot) throw new BadRequest('No ballot with this id on this compound', [{ path: 'body.purpose.id', reason: 'announce the ballot first' }]);
  if (ballot.withdrawnAt) throw new Conflict('This ballot was withdrawn', 'ballot_withdrawn');
  if (ballot.resultAt || Date.parse(ballot.closesAt) <= Date.now()) throw new Conflict('Voting on this ballot has closed', 'ballot_closed');
  if (Date.parse(body.expiresAt) > Date.parse(ballot.closesAt)) throw new BadRequest('Codes cannot outlive their ballot', [{ path: 'body.expiresAt', reason: `at most the ballot's close, ${ballot.closesAt}` }]);
  return { kind: 'ballot', id: ballot.id, title: ballot.title };
}

export async function codeStatuses(compoundId: string, purposeId: string) {
  const items = await unitItems(compoundId, purposeId);
  const units = items.map((i) => ({ building: i.building, unit: i.unit, status: statusOf(i), issuedAt: i.issuedAt, usedAt: i.usedAt ?? null, expiresAt: i.expiresAt }));
  const counts = { issued: 0, signed_in: 0, used: 0, revoked: 0, expired: 0 } as Record<CodeStatus, number>;
  for (const u of units) counts[u.status]++;
  return { purposeId, counts, units };
}

export async function revokeCode(compoundId: string, body: { purposeId: string; building: string; unit: string; reissue: boolean }, principal: Principal) {
  const TableName = tableName();
  const key = unitKey(compoundId, body.purposeId, body.building, body.unit);
  const { Item } = await ddb.send(new GetCommand({ TableName, Key: key, ConsistentRead: true }));
  const previous = Item as UnitCodeItem | undefined;
  if (!previous) throw new NotFound('Code for this unit and purpose');
  onlyBallotCodesForCommittee(principal, previous.purposeKind);
  await committeeBeforeOpening(principal, compoundId, previous.purposeId);
  const now = new Date().toISOString();
  const audit = auditPut(principal, { action: body.reissue ? 'code.reissue' : 'code.revoke', target: `compound:${compoundId}`, before: { building: body.building, unit: body.unit, purposeId: body.purposeId, status: statusOf(previous) } });
  let letter: Letter | null = null;
  if (body.reissue) {
    const { code, writes } = await codeWrites(compoundId, previous, { kind: previous.purposeKind, id: previous.purposeId, title: previous.purposeTitle }, previous.expiresAt, previous, now);
    await ddb.send(new TransactWriteCommand({ TransactItems: [...writes, audit] }));
    letter = { building: previous.building, unit: previous.unit, code: formatCode(code) };
  } else {
    await ddb.send(new TransactWriteCommand({ TransactItems: [
      { Update: { TableName, Key: codeKey(previous.codeHash), UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :now)', ExpressionAttributeValues: { ':now': now } } },
      { Update: { TableName, Key: key, UpdateExpression: 'SET revokedAt = :now', ConditionExpression: 'codeHash = :h', ExpressionAttributeValues: { ':now': now, ':h': previous.codeHash } } },
      audit,
    ] }));
  }
  // The reissued letter prints like the first one: the compound's name and address on it.
  const compound = await getCompound(compoundId);
  return { status: body.reissue ? 'reissued' : 'revoked', letter, expiresAt: previous.expiresAt, purposeTitle: previous.purposeTitle, compound: { id: compoundId, name: compound?.name ?? '', address: compound?.address ?? '' } };
}

/** The one answer for every wrong, used, revoked or expired code: it must not say which. */
class InvalidCode extends DomainError {
  constructor() {
    super(400, 'code_invalid', 'This code cannot be used. Check it, or ask your community office for a new one.', [{ path: 'body.code', reason: 'not a usable code' }]);
  }
}

/** A code for a withdrawn or closed ballot, or a closed campaign, no longer signs in; the household is told why. */
async function purposeStillOpen(item: { compoundId: string; purposeKind: PurposeKind; purposeId: string; usedAt?: string; revokedAt?: string }) {
  if (item.usedAt || item.revokedAt) return; // refused below, as any spent code
  if (item.purposeKind === 'ballot') {
    const ballot = await getBallot(item.compoundId, item.purposeId);
    if (!ballot || ballot.withdrawnAt) throw new Conflict('This ballot was withdrawn; the committee will announce what follows', 'ballot_withdrawn');
    if (ballot.resultAt || Date.parse(ballot.closesAt) <= Date.now()) throw new Conflict(`Voting closed at ${ballot.closesAt}`, 'ballot_closed');
  } else {
    const campaign = await getCampaign(item.purposeId);
    if (!campaign || campaignState(campaign) === 'closed') throw new Conflict(`The rating closed at ${campaign?.closesAt ?? ''}`, 'campaign_closed');
  }
}

export async function exchangeCode(body: ExchangeCodeBody, clientKey: string) {
  // Takes a slot of the client's failure window (429 once it is full), given back on success.
  const slot = await take({ ...LIMITS.client, key: clientKey });
  const fail = async (): Promise<never> => {
    // Counted under the compound the client named, not the one a found code belongs to: a used
    // or revoked code must cost the same time as an unknown one, or the delay would tell them apart.
    const compoundId = body.compoundId ?? 'none';
    const failures = await count({ name: LIMITS.compound.name, key: compoundId, windowSeconds: LIMITS.compound.windowSeconds });
    if (failures >= LIMITS.compound.alarmAt) {
      logger.warn(CODE_FAILURES_ALARM_MESSAGE, { compoundId, failures, windowSeconds: LIMITS.compound.windowSeconds });
      await new Promise((r) => setTimeout(r, LIMITS.compound.slowDownMs));
    }
    throw new InvalidCode();
  };
  const code = normalizeCode(body.code);
  if (!code) return fail();
  const hash = await codeHash(code);
  const TableName = tableName();
  const { Item } = await ddb.send(new GetCommand({ TableName, Key: codeKey(hash), ConsistentRead: true }));
  const item = Item as (UnitCodeItem & { compoundId: string }) | undefined;
  if (!item || (body.compoundId && item.compoundId !== body.compoundId)) return fail();
  // A right code: whatever the answer now, it is not a guess.
  try {
    await purposeStillOpen(item);
    // A used, revoked or expired code fails below like an unknown one; counting its tries here would
    // make its 61st answer a 429 and tell that it exists.
    if (!item.usedAt && !item.revokedAt && Date.parse(item.expiresAt) > Date.now()) await take({ ...LIMITS.perCode, key: hash });
  } catch (error) {
    await slot.giveBack();
    throw error;
  }
  const now = new Date();
  const sub = `unit:${item.compoundId}:${item.building}:${item.unit}`;
  try {
    // The code stays usable: a sign-in marks it signed in; the submission spends it (code-spend.ts).
    await ddb.send(new TransactWriteCommand({ TransactItems: [
      {
        Update: {
          TableName, Key: codeKey(hash), UpdateExpression: 'SET signedInAt = :now',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt) AND attribute_not_exists(revokedAt) AND expiresAt > :now',
          ExpressionAttributeValues: { ':now': now.toISOString() },
        },
      },
      { Update: { TableName, Key: unitKey(item.compoundId, item.purposeId, item.building, item.unit), UpdateExpression: 'SET signedInAt = :now', ConditionExpression: 'codeHash = :h AND attribute_not_exists(usedAt)', ExpressionAttributeValues: { ':now': now.toISOString(), ':h': hash } } },
      auditPut({ kind: 'resident', sub, compoundId: item.compoundId, building: item.building, unit: item.unit, purpose: { kind: item.purposeKind, id: item.purposeId } }, { action: 'code.exchange', target: `compound:${item.compoundId}`, after: { building: item.building, unit: item.unit, purposeId: item.purposeId } }, now),
    ] }));
  } catch (error) {
    if (error instanceof TransactionCanceledException) return fail();
    throw error;
  }
  await slot.giveBack();
  const signing = await residentSigningKeys();
  const expires = Math.min(Math.floor(now.getTime() / 1000) + RESIDENT_TOKEN_SECONDS, Math.floor(Date.parse(item.expiresAt) / 1000));
  const token = await new SignJWT({ token_use: 'resident', compound_id: item.compoundId, building: item.building, unit: item.unit, purpose_kind: item.purposeKind, purpose_id: item.purposeId, code_ref: hash })
    .setProtectedHeader({ alg: signing.alg, kid: signing.kid })
    .setIssuer(residentIssuer())
    .setAudience(RESIDENT_AUDIENCE)
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(expires)
    .sign(signing.privateKey);
  return {
    token,
    expiresAt: new Date(expires * 1000).toISOString(),
    compoundId: item.compoundId,
    building: item.building,
    unit: item.unit,
    purpose: { kind: item.purposeKind, id: item.purposeId, title: item.purposeTitle },
    deadline: item.expiresAt,
  };
}
