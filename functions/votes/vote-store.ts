// Votes. One vote per voting owner per ballot, whatever the channel: the vote's key is the
// owner, written with a condition that it is new, in the same transaction as the ballot's
// counter (which close checks), so a vote is either counted or refused, never half-stored.
// A later vote for the same owner is refused and kept as a conflict for the committee.
import { randomBytes, createHash } from 'node:crypto';
import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { Principal } from '../../shared/access.ts';
import { BadRequest, Conflict, DomainError, Forbidden, NotFound, type FieldIssue } from '../../shared/errors.ts';
import { codeFromBytes } from '../../shared/codes.ts';
import { maskName, maskNumbers } from '../../shared/privacy.ts';
import type { Choice } from '../../shared/votes/tally.ts';
import type { PaperEntryBody, ProxyBody } from '../../shared/votes/schemas.ts';
import type { BallotReceipt, BallotSubmissionBody } from '../../shared/votes/submission.ts';
import { ddb, tableName } from '../lib/clients.ts';
import { keys, type BallotRef } from '../lib/keys.ts';
import { auditPut } from '../lib/audit.ts';
import { newId } from '../lib/ids.ts';
import { ballotState, mustGetBallot, rollEntry, voteRules } from './ballot-store.ts';
import { CodeReplaced, codeRefused, conflictOnceWrite, spendCodeWrites } from '../auth/code-spend.ts';
import type { BallotItem, Channel, ConflictItem, PaperKeying, PaperSheetItem, ProxyItem, VoteItem } from './model.ts';

type Resident = Extract<Principal, { kind: 'resident' }>;
const refOf = (b: Pick<BallotItem, 'compoundId' | 'id'>): BallotRef => ({ compoundId: b.compoundId, ballotId: b.id });
type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

export class AlreadyVoted extends DomainError {
  constructor(readonly first: { channel: Channel; recordedAt: string }) {
    super(409, 'already_voted', `This owner already voted (${first.channel}, at ${first.recordedAt}); only the first vote counts`, [{ path: 'body', reason: `voted ${first.channel} at ${first.recordedAt}` }]);
  }
}

/** 10 characters from the code alphabet (≈ 48.6 bits): random, so a receipt says nothing about whose it is. */
export function newReceipt(): string {
  const code = codeFromBytes(() => randomBytes(16)).slice(0, 10);
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/**
 * The choices as they will be stored, or 400 naming each bad one. For an election every
 * candidate not supported counts as "not supported" (disagree): the voter took part in all of
 * them, and may support at most as many candidates as there are seats.
 */
export function checkedChoices(ballot: BallotItem, choices: Record<string, Choice>, path = 'body.choices'): Record<string, Choice> {
  const problems: FieldIssue[] = [];
  const ids = new Set(ballot.matters.map((m) => m.id));
  for (const id of Object.keys(choices)) if (!ids.has(id)) problems.push({ path: `${path}.${id}`, reason: `not a matter of this ballot (${[...ids].join(', ')})` });
  if (Object.keys(choices).length === 0) problems.push({ path, reason: 'choose on at least one matter; a ballot with nothing chosen is not a vote' });
  if (ballot.kind === 'election') {
    const supported = Object.values(choices).filter((c) => c === 'agree').length;
    if (supported > (ballot.seats ?? 0)) problems.push({ path, reason: `support at most ${ballot.seats} candidates (the number of seats), got ${supported}` });
  }
  if (problems.length) throw new BadRequest('Some choices are not allowed', problems, 'invalid_choices');
  if (ballot.kind !== 'election') return choices;
  return Object.fromEntries(ballot.matters.map((m) => [m.id, choices[m.id] ?? 'disagree']));
}

async function storedVote(ref: BallotRef, ownerId: string): Promise<VoteItem | undefined> {
  const { Item } = await ddb.send(new GetCommand({ TableName: tableName(), Key: keys.vote(ref, ownerId), ConsistentRead: true }));
  return Item as VoteItem | undefined;
}

async function recordConflict(ballot: BallotItem, attempt: { ownerId: string; building: string; unit: string; channel: Channel; by: string }, first: VoteItem, guard?: (at: string) => TransactItem): Promise<never> {
  const at = new Date().toISOString();
  const item: ConflictItem = { et: 'vote-conflict', ballotId: ballot.id, ...attempt, attemptedAt: at, first: { channel: first.channel, recordedAt: first.recordedAt } };
  const put = { TableName: tableName(), Item: { ...keys.voteConflict(refOf(ballot), at, newId()), ...item } };
  if (!guard) await ddb.send(new PutCommand(put));
  else {
    try {
      await ddb.send(new TransactWriteCommand({ TransactItems: [{ Put: put }, guard(at)] }));
    } catch (error) {
      // Already recorded once for this code: the answer is the same, the list does not grow.
      if (!(error instanceof TransactionCanceledException)) throw error;
    }
  }
  throw new AlreadyVoted(item.first);
}

interface VoteWrite {
  ballot: BallotItem;
  vote: Omit<VoteItem, 'et' | 'ballotId' | 'receipt' | 'recordedAt'>;
  by: string;
  /** Online votes only while open; paper sheets collected in time may be keyed until the result is frozen. */
  online: boolean;
  /** Also in the transaction: the paper sheet's removal, the audit entry. */
  extra: TransactItem[];
  pendingPaperDelta?: number;
  /** Online: the write that lets a repeated attempt be recorded only once per code. */
  conflictGuard?: (at: string) => TransactItem;
}

/** Writes a vote, or says why not. Retries DynamoDB's transaction conflicts (several votes touch the ballot's counter). */
async function writeVote(w: VoteWrite): Promise<{ vote: VoteItem; created: boolean }> {
  for (let attempt = 0; ; attempt++) {
    const now = new Date();
    const vote: VoteItem = { et: 'vote', ballotId: w.ballot.id, ...w.vote, receipt: newReceipt(), recordedAt: now.toISOString() };
    const window = w.online ? ' AND opensAt <= :now AND closesAt > :now' : ' AND opensAt <= :now';
    try {
      await ddb.send(new TransactWriteCommand({ TransactItems: [
        { Update: {
          TableName: tableName(), Key: keys.ballot(w.ballot.compoundId, w.ballot.id),
          UpdateExpression: 'ADD voteCount :one, pendingPaper :paper',
          ConditionExpression: `attribute_exists(pk) AND attribute_not_exists(resultAt) AND attribute_not_exists(withdrawnAt)${window}`,
          ExpressionAttributeValues: { ':one': 1, ':paper': w.pendingPaperDelta ?? 0, ':now': vote.recordedAt },
        } },
        { Put: { TableName: tableName(), Item: { ...keys.vote(refOf(w.ballot), w.vote.ownerId), ...vote }, ConditionExpression: 'attribute_not_exists(pk)' } },
        ...w.extra,
      ] }));
      return { vote, created: true };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      if (reasons[1]?.Code === 'ConditionalCheckFailed') {
        const first = await storedVote(refOf(w.ballot), w.vote.ownerId);
        if (first) {
          // The same draft sent again (a retry after a lost answer) gets the same receipt.
          if (w.online && first.channel === 'online' && first.idempotencyKey === w.vote.idempotencyKey) return { vote: first, created: false };
          return recordConflict(w.ballot, { ownerId: w.vote.ownerId, building: w.vote.building, unit: w.vote.unit, channel: w.vote.channel, by: w.by }, first, w.conflictGuard);
        }
      }
      if (reasons[0]?.Code === 'ConditionalCheckFailed') throw closedError(await mustGetBallot(w.ballot.compoundId, w.ballot.id, true), w.online);
      if (w.online && codeRefused(reasons, 2)) throw new CodeReplaced();
      if (!w.online && reasons[2]?.Code === 'ConditionalCheckFailed') throw new Conflict('The paper sheet changed while it was keyed; look at it again', 'sheet_changed');
      if (attempt >= 6 || !reasons.some((r) => r.Code === 'TransactionConflict')) throw new Conflict('Please send again', 'retry');
      await new Promise((r) => setTimeout(r, 20 * 2 ** attempt * Math.random()));
    }
  }
}

function closedError(ballot: BallotItem, online: boolean): DomainError {
  const state = ballotState(ballot);
  if (state === 'withdrawn') return new Conflict(`The ballot was withdrawn: ${maskNumbers(ballot.withdrawnReason ?? '')}`, 'ballot_withdrawn');
  if (state === 'announced') return new Conflict(`Voting opens at ${ballot.opensAt}`, 'ballot_not_open');
  if (state === 'closed') return new Conflict('The result is frozen; no vote can be added', 'ballot_closed');
  if (online && state === 'counting') return new Conflict(`Voting closed at ${ballot.closesAt}`, 'ballot_closed');
  return new Conflict('Please send again', 'retry');
}

// ——— Online, with a household code ———

async function residentBallot(principal: Resident) {
  if (principal.purpose.kind !== 'ballot') throw new Forbidden('This sign-in is not for a ballot');
  const ballot = await mustGetBallot(principal.compoundId, principal.purpose.id);
  const entry = await rollEntry(refOf(ballot), principal.building, principal.unit);
  if (!entry) throw new NotFound('This unit on the ballot\'s register');
  return { ballot, entry };
}

function receiptOf(v: VoteItem, ballot: BallotItem): BallotReceipt {
  return { receipt: v.receipt, recordedAt: v.recordedAt, ballotTitle: ballot.title, compoundName: ballot.compoundName, choices: v.choices };
}

/** What the ballot page needs: the matters, what this owner holds, and their receipt if they voted. */
export async function ballotForm(principal: Resident) {
  const { ballot, entry } = await residentBallot(principal);
  const vote = await storedVote(refOf(ballot), entry.ownerId);
  return {
    ballot: {
      id: ballot.id, compoundId: ballot.compoundId, title: ballot.title, kind: ballot.kind, seats: ballot.seats ?? null, compoundName: ballot.compoundName,
      opensAt: ballot.opensAt, closesAt: ballot.closesAt, state: ballotState(ballot), matters: ballot.matters,
      // The consequence of not voting must be told to the owner (it is part of what courts check).
      followMajority: ballot.followMajority ?? null,
    },
    building: principal.building, unit: principal.unit,
    owner: { units: entry.ownerUnits, areaHundredths: entry.ownerAreaHundredths },
    vote: vote ? { channel: vote.channel, recordedAt: vote.recordedAt, receipt: vote.channel === 'online' ? receiptOf(vote, ballot) : null } : null,
  };
}

export async function voteOnline(principal: Resident, body: BallotSubmissionBody): Promise<{ receipt: BallotReceipt; created: boolean }> {
  const { ballot, entry } = await residentBallot(principal);
  const choices = checkedChoices(ballot, body.choices);
  const { vote, created } = await writeVote({
    // The household code is spent by the vote it was issued for, in the same transaction.
    ballot, online: true, by: 'resident', extra: spendCodeWrites(principal, new Date().toISOString()), conflictGuard: (at) => conflictOnceWrite(principal, at),
    vote: { ownerId: entry.ownerId, choices, channel: 'online', building: principal.building, unit: principal.unit, idempotencyKey: body.idempotencyKey },
  });
  return { receipt: receiptOf(vote, ballot), created };
}

// ——— Paper sheets and written proxies, keyed twice by the committee ———

const sameKeying = (a: PaperKeying, b: PaperKeying) =>
  a.sheetNo === b.sheetNo && a.channel === b.channel && JSON.stringify(Object.entries(a.choices).sort()) === JSON.stringify(Object.entries(b.choices).sort());

export type KeyingOutcome = { status: 'waiting' } | { status: 'recorded'; receipt: string; recordedAt: string };

export async function keyPaper(compoundId: string, ballotId: string, body: PaperEntryBody, principal: Principal): Promise<KeyingOutcome> {
  if (principal.kind !== 'staff') throw new Forbidden();
  const ballot = await mustGetBallot(compoundId, ballotId, true);
  const state = ballotState(ballot);
  if (state === 'announced' || state === 'closed' || state === 'withdrawn') throw closedError(ballot, false);
  const entry = await rollEntry({ compoundId, ballotId }, body.building, body.unit);
  if (!entry) throw new BadRequest('This unit is not on the ballot\'s register', [{ path: 'body.unit', reason: `${body.building} ${body.unit} is not in register version ${ballot.registerVersion}` }], 'unknown_unit');
  const choices = checkedChoices(ballot, body.choices);
  if (body.channel === 'proxy') {
    const { Item } = await ddb.send(new GetCommand({ TableName: tableName(), Key: keys.proxy({ compoundId, ballotId }, entry.ownerId), ConsistentRead: true }));
    if (!Item) throw new BadRequest('No written proxy is recorded for this owner', [{ path: 'body.channel', reason: 'record the proxy (委托书) first' }], 'no_proxy');
  }
  const attempt = { ownerId: entry.ownerId, building: body.building, unit: body.unit, channel: body.channel as Channel, by: principal.sub };
  const now = new Date();
  const keying: PaperKeying = { by: principal.sub, at: now.toISOString(), sheetNo: body.sheetNo, channel: body.channel, choices };
  const sheetKey = keys.paperSheet({ compoundId, ballotId }, entry.ownerId);
  const audit = (action: string, after: unknown) => auditPut(principal, { action, target: `ballot:${compoundId}:${ballotId}`, after }, now);
  const ballotKey = keys.ballot(compoundId, ballotId);
  // The owner voted another way after this sheet's first keying: the sheet can never count,
  // so it leaves the pending ones (the conflict is listed).
  const supersede = (first: { channel: Channel; recordedAt: string }) => ddb.send(new TransactWriteCommand({ TransactItems: [
    { Update: { TableName: tableName(), Key: ballotKey, UpdateExpression: 'ADD pendingPaper :minus', ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeValues: { ':minus': -1 } } },
    { Delete: { TableName: tableName(), Key: sheetKey, ConditionExpression: 'attribute_exists(pk)' } },
    audit('paper.superseded', { building: body.building, unit: body.unit, first }),
  ] })).catch((error) => {
    if (!(error instanceof TransactionCanceledException)) throw error; // already gone: nothing to do
  });
  const [sheetRead, first] = await Promise.all([ddb.send(new GetCommand({ TableName: tableName(), Key: sheetKey, ConsistentRead: true })), storedVote({ compoundId, ballotId }, entry.ownerId)]);
  const sheet = sheetRead.Item as PaperSheetItem | undefined;
  if (first) {
    if (sheet) await supersede({ channel: first.channel, recordedAt: first.recordedAt });
    return recordConflict(ballot, attempt, first);
  }
  if (!sheet) {
    const item: PaperSheetItem = { et: 'paper-sheet', ballotId, ownerId: entry.ownerId, building: body.building, unit: body.unit, status: 'waiting', keyings: [keying] };
    try {
      await ddb.send(new TransactWriteCommand({ TransactItems: [
        { Update: { TableName: tableName(), Key: ballotKey, UpdateExpression: 'ADD pendingPaper :one', ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(resultAt) AND attribute_not_exists(withdrawnAt)', ExpressionAttributeValues: { ':one': 1 } } },
        { Put: { TableName: tableName(), Item: { ...sheetKey, ...item }, ConditionExpression: 'attribute_not_exists(pk)' } },
        audit('paper.key-first', { building: body.building, unit: body.unit, sheetNo: body.sheetNo, channel: body.channel }),
      ] }));
    } catch (error) {
      if (error instanceof TransactionCanceledException) throw new Conflict('Someone keyed this sheet at the same moment; reload and key it again if needed', 'sheet_changed');
      throw error;
    }
    return { status: 'waiting' };
  }
  if (sheet.status === 'held') throw new Conflict('The two keyings of this sheet differ and it is held; check the paper, discard both keyings with a reason, and key it twice again', 'sheet_held');
  const firstKeying = sheet.keyings[0]!;
  if (firstKeying.by === principal.sub) throw new Conflict('A second, different person must key this sheet', 'same_user');
  if (!sameKeying(firstKeying, keying)) {
    await ddb.send(new TransactWriteCommand({ TransactItems: [
      { Update: { TableName: tableName(), Key: sheetKey, UpdateExpression: 'SET #s = :held, keyings = list_append(keyings, :k)', ConditionExpression: '#s = :waiting AND size(keyings) = :one', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':held': 'held', ':waiting': 'waiting', ':k': [keying], ':one': 1 } } },
      audit('paper.mismatch', { building: body.building, unit: body.unit }),
    ] }));
    throw new Conflict('The second keying differs from the first; the sheet is held for the committee to resolve', 'sheet_mismatch');
  }
  const recorded = writeVote({
    ballot, online: false, by: principal.sub, pendingPaperDelta: -1,
    vote: { ownerId: entry.ownerId, choices, channel: body.channel, building: body.building, unit: body.unit, sheetNo: body.sheetNo, keyedBy: [firstKeying.by, principal.sub] },
    extra: [
      { Delete: { TableName: tableName(), Key: sheetKey, ConditionExpression: '#s = :waiting AND size(keyings) = :one', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':waiting': 'waiting', ':one': 1 } } },
      audit('paper.record', { building: body.building, unit: body.unit, sheetNo: body.sheetNo, channel: body.channel }),
    ],
  });
  try {
    const { vote } = await recorded;
    return { status: 'recorded', receipt: vote.receipt, recordedAt: vote.recordedAt };
  } catch (error) {
    // The same, when the other vote landed while this keying was being written.
    if (error instanceof AlreadyVoted) await supersede(error.first);
    throw error;
  }
}

export async function discardPaper(compoundId: string, ballotId: string, body: { building: string; unit: string; reason: string }, principal: Principal) {
  const entry = await rollEntry({ compoundId, ballotId }, body.building, body.unit);
  if (!entry) throw new NotFound('Unit on this ballot');
  const sheetKey = keys.paperSheet({ compoundId, ballotId }, entry.ownerId);
  const { Item } = await ddb.send(new GetCommand({ TableName: tableName(), Key: sheetKey, ConsistentRead: true }));
  if (!Item) throw new NotFound('Keyed sheet for this unit');
  try {
    await ddb.send(new TransactWriteCommand({ TransactItems: [
      { Update: { TableName: tableName(), Key: keys.ballot(compoundId, ballotId), UpdateExpression: 'ADD pendingPaper :minus', ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(resultAt)', ExpressionAttributeValues: { ':minus': -1 } } },
      { Delete: { TableName: tableName(), Key: sheetKey, ConditionExpression: 'attribute_exists(pk)' } },
      auditPut(principal, { action: 'paper.discard', target: `ballot:${compoundId}:${ballotId}`, before: Item.keyings, after: { building: body.building, unit: body.unit, reason: body.reason } }),
    ] }));
  } catch (error) {
    if (error instanceof TransactionCanceledException) throw new Conflict('The sheet or the ballot changed; reload', 'sheet_changed');
    throw error;
  }
  return { building: body.building, unit: body.unit, discarded: true };
}

/** Tells two proxies apart for the cap without storing their ID tail in the clear. */
const holderKeyOf = (name: string, idTail: string) => createHash('sha256').update(`${name.replace(/\s+/g, '')}|${idTail.toUpperCase()}`).digest('hex').slice(0, 24);

export async function recordProxy(compoundId: string, ballotId: string, body: ProxyBody, principal: Principal): Promise<ProxyItem> {
  if (principal.kind !== 'staff') throw new Forbidden();
  const ballot = await mustGetBallot(compoundId, ballotId);
  if (['closed', 'withdrawn'].includes(ballotState(ballot))) throw closedError(ballot, false);
  const entry = await rollEntry({ compoundId, ballotId }, body.building, body.unit);
  if (!entry) throw new BadRequest('This unit is not on the ballot\'s register', [{ path: 'body.unit', reason: `${body.building} ${body.unit} is not in register version ${ballot.registerVersion}` }], 'unknown_unit');
  const first = await storedVote({ compoundId, ballotId }, entry.ownerId);
  if (first) throw new AlreadyVoted({ channel: first.channel, recordedAt: first.recordedAt });
  const cap = voteRules().proxyCap;
  const now = new Date();
  const holderKey = holderKeyOf(body.proxyName, body.proxyIdTail);
  const item: ProxyItem = { et: 'proxy', ballotId, ownerId: entry.ownerId, building: body.building, unit: body.unit, proxyName: body.proxyName, holderKey, documentRef: body.documentRef, recordedAt: now.toISOString(), recordedBy: principal.sub };
  try {
    await ddb.send(new TransactWriteCommand({ TransactItems: [
      { Put: { TableName: tableName(), Item: { ...keys.proxy({ compoundId, ballotId }, entry.ownerId), ...item }, ConditionExpression: 'attribute_not_exists(pk)' } },
      { ConditionCheck: { TableName: tableName(), Key: keys.ballot(compoundId, ballotId), ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(resultAt) AND attribute_not_exists(withdrawnAt)' } },
      { Update: {
        TableName: tableName(), Key: keys.proxyHolder({ compoundId, ballotId }, holderKey), UpdateExpression: 'SET held = if_not_exists(held, :zero) + :one, et = :et',
        ...(cap === null ? {} : { ConditionExpression: 'attribute_not_exists(held) OR held < :cap' }),
        ExpressionAttributeValues: { ':zero': 0, ':one': 1, ':et': 'proxy-holder', ...(cap === null ? {} : { ':cap': cap }) },
      } },
      auditPut(principal, { action: 'proxy.record', target: `ballot:${compoundId}:${ballotId}`, after: { building: body.building, unit: body.unit, proxy: maskName(body.proxyName), documentRef: body.documentRef } }, now),
    ] }));
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const reasons = error.CancellationReasons ?? [];
    if (reasons[0]?.Code === 'ConditionalCheckFailed') throw new Conflict('A written proxy is already recorded for this owner', 'proxy_exists');
    if (reasons[1]?.Code === 'ConditionalCheckFailed') throw closedError(await mustGetBallot(compoundId, ballotId, true), false);
    if (reasons[2]?.Code === 'ConditionalCheckFailed') throw new BadRequest(`One person may hold at most ${cap} owners' proxies in a ballot`, [{ path: 'body.proxyName', reason: `${maskName(body.proxyName)} already holds ${cap}` }], 'proxy_cap');
    throw new Conflict('Please send again', 'retry');
  }
  return item;
}
