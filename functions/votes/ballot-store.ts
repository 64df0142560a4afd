// Ballots: announcing one fixes its matters and pins a register version, whose units become
// the ballot's roll with pseudonymous voting-owner ids. Nothing about a ballot changes after
// that except its counters; the result is written once, at close (result-store.ts).
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { Principal } from '../../shared/access.ts';
import { BadRequest, Conflict, NotFound } from '../../shared/errors.ts';
import { maskNumbers } from '../../shared/privacy.ts';
import { earliestOpening, voteRulesFrom, type VoteRules } from '../../shared/votes/rules.ts';
import { votingRegister } from '../../shared/votes/register.ts';
import type { BallotBody, DeliveryBody, HearingBody } from '../../shared/votes/schemas.ts';
import { ddb, tableName } from '../lib/clients.ts';
import { keys, type BallotRef } from '../lib/keys.ts';
import { auditPut } from '../lib/audit.ts';
import { batchPut } from '../lib/batch-write.ts';
import { queryAll } from '../lib/query.ts';
import { newId } from '../lib/ids.ts';
import { getCompound, listRegisterVersions } from '../registry/compound-store.ts';
import { loadRows } from '../registry/register-store.ts';
import type { BallotItem, DeliveryItem, HearingItem, MatterItem, RollUnitItem } from './model.ts';

export const voteRules = (): VoteRules => voteRulesFrom(process.env.VOTE_RULES);

/** What the public list of announcements holds of a ballot. */
function noticeIndexEntry(b: BallotItem) {
  return { et: 'ballot-notice-index', compoundId: b.compoundId, ballotId: b.id, title: b.title, compoundName: b.compoundName, kind: b.kind, announcedAt: b.announcedAt, opensAt: b.opensAt, closesAt: b.closesAt };
}

export type BallotState = 'announced' | 'open' | 'counting' | 'closed' | 'withdrawn';

/** announced: matters posted, voting not yet open; counting: voting over, result not yet frozen. */
export function ballotState(b: Pick<BallotItem, 'opensAt' | 'closesAt' | 'resultAt' | 'withdrawnAt'>, now = Date.now()): BallotState {
  if (b.withdrawnAt) return 'withdrawn';
  if (b.resultAt) return 'closed';
  if (now < Date.parse(b.opensAt)) return 'announced';
  return now < Date.parse(b.closesAt) ? 'open' : 'counting';
}

export async function getBallot(compoundId: string, ballotId: string, consistent = false): Promise<BallotItem | undefined> {
  const { Item } = await ddb.send(new GetCommand({ TableName: tableName(), Key: keys.ballot(compoundId, ballotId), ConsistentRead: consistent }));
  return Item as BallotItem | undefined;
}

export async function mustGetBallot(compoundId: string, ballotId: string, consistent = false): Promise<BallotItem> {
  const ballot = await getBallot(compoundId, ballotId, consistent);
  if (!ballot) throw new NotFound('Ballot');
  return ballot;
}

export async function listBallots(compoundId: string): Promise<BallotItem[]> {
  const all = await queryAll<BallotItem>(keys.ballotsPk(compoundId), { skPrefix: 'BALLOT#' });
  return all.sort((a, b) => b.opensAt.localeCompare(a.opensAt));
}

export async function roll(ref: BallotRef, consistent = false): Promise<RollUnitItem[]> {
  return queryAll<RollUnitItem>(keys.rollPk(ref), { consistent });
}

export interface NewBallot { body: BallotBody; kind: 'vote' | 'election'; electionId?: string; seats?: number; publicTitles?: string[] }

/**
 * Announces a ballot. The roll is written first (idempotent puts, harmless if the ballot is
 * then refused); the ballot item is written last, with a condition that it is new, together
 * with its audit entry.
 */
export async function announceBallot(compoundId: string, ballotId: string, spec: NewBallot, principal: Principal): Promise<BallotItem> {
  const { body } = spec;
  const compound = await getCompound(compoundId, true);
  if (!compound) throw new NotFound('Compound');
  const version = body.registerVersion ?? compound.currentVersion;
  const stored = (await listRegisterVersions(compoundId)).find((v) => v.version === version);
  if (!stored) throw new BadRequest('A ballot counts by a committed owners\' register', [{ path: 'body.registerVersion', reason: version === 0 ? 'the compound has no owners\' register yet; import one first' : `no register version ${version}` }], 'no_register');
  const now = new Date();
  const announcedAt = now.toISOString();
  const rules = voteRules();
  const earliest = earliestOpening(announcedAt, rules);
  if (Date.parse(body.opensAt) < Date.parse(earliest)) {
    throw new BadRequest(`Matters are announced at least ${rules.announceDays} days before voting opens`, [{ path: 'body.opensAt', reason: `at the earliest ${earliest} (${rules.announceDays} days from today's announcement)` }], 'notice_too_short');
  }
  if (await getBallot(compoundId, ballotId, true)) throw new Conflict('A ballot with this id was already announced; its matters cannot change', 'exists');
  const units = votingRegister(await loadRows(compoundId, stored.contentHash));
  const owners = new Map<string, { area: number; units: number }>();
  for (const u of units) {
    const o = owners.get(u.ownerId) ?? { area: 0, units: 0 };
    owners.set(u.ownerId, { area: o.area + u.areaHundredths, units: o.units + 1 });
  }
  await batchPut(units.map((u) => {
    const { building, unit } = u;
    const item: RollUnitItem & { ownerAreaHundredths: number; ownerUnits: number } = {
      et: 'roll-unit', ballotId, building, unit, ownerId: u.ownerId, areaHundredths: u.areaHundredths,
      ownerAreaHundredths: owners.get(u.ownerId)!.area, ownerUnits: owners.get(u.ownerId)!.units,
    };
    return { ...keys.rollUnit({ compoundId, ballotId }, building, unit), ...item };
  }));
  const matters: MatterItem[] = body.matters.map((m, i) => ({ id: m.id, kind: m.kind, title: m.title, text: m.text, attachments: m.attachments, ...(spec.publicTitles ? { publicTitle: spec.publicTitles[i] } : {}) }));
  const ballot: BallotItem = {
    et: 'ballot', id: ballotId, compoundId, compoundName: compound.name, title: body.title, kind: spec.kind,
    ...(spec.electionId ? { electionId: spec.electionId, seats: spec.seats } : {}),
    matters, registerVersion: version,
    totals: { areaHundredths: [...owners.values()].reduce((a, o) => a + o.area, 0), heads: owners.size },
    announcedAt, opensAt: new Date(body.opensAt).toISOString(), closesAt: new Date(body.closesAt).toISOString(),
    createdBy: principal.kind === 'staff' ? principal.sub : 'unknown', voteCount: 0, pendingPaper: 0,
    ...(body.followMajority ? { followMajority: body.followMajority } : {}),
  };
  try {
    await ddb.send(new TransactWriteCommand({ TransactItems: [
      { Put: { TableName: tableName(), Item: { ...keys.ballot(compoundId, ballotId), ...ballot }, ConditionExpression: 'attribute_not_exists(pk)' } },
      // Listed on the public notices page from this moment (the owners' 15 days to read the matters).
      { Put: { TableName: tableName(), Item: { ...keys.ballotNoticeIndex(announcedAt, compoundId, ballotId), ...noticeIndexEntry(ballot) } } },
      auditPut(principal, { action: spec.kind === 'election' ? 'election-ballot.announce' : 'ballot.announce', target: `compound:${compoundId}`, after: { ballotId, title: body.title, matters: matters.map((m) => ({ id: m.id, kind: m.kind, title: m.title })), registerVersion: version, opensAt: ballot.opensAt, closesAt: ballot.closesAt } }, now),
    ] }));
  } catch (error) {
    if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') throw new Conflict('A ballot with this id was already announced; its matters cannot change', 'exists');
    throw error;
  }
  return ballot;
}

/** What one unit's owner holds in a ballot: their pseudonymous id, and all their units' area as one head. */
export async function rollEntry(ref: BallotRef, building: string, unit: string) {
  const { Item } = await ddb.send(new GetCommand({ TableName: tableName(), Key: keys.rollUnit(ref, building, unit) }));
  return Item as (RollUnitItem & { ownerAreaHundredths: number; ownerUnits: number }) | undefined;
}

/** Proof that one owner received the ballot: only for a ballot whose rules deem non-voters to follow the majority. */
export async function recordDelivery(compoundId: string, ballotId: string, body: DeliveryBody, principal: Principal): Promise<DeliveryItem> {
  const ballot = await mustGetBallot(compoundId, ballotId);
  if (!ballot.followMajority) throw new BadRequest('This ballot does not deem non-voters to follow the majority; deliveries are not recorded for it', [{ path: 'body', reason: 'the ballot was announced without a rule of procedure to that effect' }], 'not_deemed');
  const state = ballotState(ballot);
  if (state === 'closed' || state === 'withdrawn') throw new Conflict(state === 'closed' ? 'The result is frozen' : 'The ballot was withdrawn', state === 'closed' ? 'ballot_closed' : 'ballot_withdrawn');
  const entry = await rollEntry({ compoundId, ballotId }, body.building, body.unit);
  if (!entry) throw new BadRequest('This unit is not on the ballot\'s register', [{ path: 'body.unit', reason: `${body.building} ${body.unit} is not in register version ${ballot.registerVersion}` }], 'unknown_unit');
  const now = new Date();
  const item: DeliveryItem = { et: 'delivery', ballotId, ownerId: entry.ownerId, building: body.building, unit: body.unit, method: body.method, deliveredOn: body.deliveredOn, proofRef: body.proofRef, recordedAt: now.toISOString(), recordedBy: principal.kind === 'staff' ? principal.sub : 'unknown' };
  try {
    await ddb.send(new TransactWriteCommand({ TransactItems: [
      // The result is computed from these; none may be added once it is frozen.
      { ConditionCheck: { TableName: tableName(), Key: keys.ballot(compoundId, ballotId), ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(resultAt) AND attribute_not_exists(withdrawnAt)' } },
      { Put: { TableName: tableName(), Item: { ...keys.delivery({ compoundId, ballotId }, entry.ownerId), ...item }, ConditionExpression: 'attribute_not_exists(pk)' } },
      auditPut(principal, { action: 'ballot.delivery', target: `ballot:${compoundId}:${ballotId}`, after: { building: body.building, unit: body.unit, method: body.method, deliveredOn: body.deliveredOn } }, now),
    ] }));
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    if (error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') throw new Conflict('The result is frozen', 'ballot_closed');
    throw new Conflict('Delivery to this owner is already recorded', 'exists');
  }
  return item;
}

export async function deliveries(ref: BallotRef, consistent = false): Promise<DeliveryItem[]> {
  return queryAll<DeliveryItem>(keys.deliveriesPk(ref), { consistent });
}

/**
 * Withdraws a ballot before voting opens, with the reason (a mistake in the matters, a
 * changed plan). Audited; its codes stop working; a corrected ballot is announced anew,
 * with a new notice period, as the regulation requires for any matter voted on.
 */
export async function withdrawBallot(compoundId: string, ballotId: string, reason: string, principal: Principal): Promise<BallotItem> {
  const now = new Date();
  const ballot = await mustGetBallot(compoundId, ballotId, true);
  try {
    await ddb.send(new TransactWriteCommand({ TransactItems: [
      // The public list says it was withdrawn (the announcement page then says why). Written
      // whole, so a ballot announced before the list existed is listed too, never half.
      { Put: { TableName: tableName(), Item: { ...keys.ballotNoticeIndex(ballot.announcedAt, compoundId, ballotId), ...noticeIndexEntry(ballot), withdrawnAt: now.toISOString() } } },
      { Update: {
        TableName: tableName(), Key: keys.ballot(compoundId, ballotId), UpdateExpression: 'SET withdrawnAt = :now, withdrawnReason = :reason',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(withdrawnAt) AND opensAt > :now AND voteCount = :zero AND pendingPaper = :zero',
        ExpressionAttributeValues: { ':now': now.toISOString(), ':reason': reason, ':zero': 0 },
      } },
      auditPut(principal, { action: 'ballot.withdraw', target: `ballot:${compoundId}:${ballotId}`, after: { reason } }, now),
    ] }));
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const fresh = await mustGetBallot(compoundId, ballotId, true);
    throw new Conflict(fresh.withdrawnAt ? 'The ballot is already withdrawn' : 'Voting has opened; a ballot can only be withdrawn before', fresh.withdrawnAt ? 'ballot_withdrawn' : 'ballot_open');
  }
  return mustGetBallot(compoundId, ballotId, true);
}

export async function addHearing(compoundId: string, ballotId: string, body: HearingBody, principal: Principal): Promise<HearingItem> {
  const ballot = await mustGetBallot(compoundId, ballotId);
  if (!ballot.matters.some((m) => m.id === body.matterId)) throw new BadRequest('No such matter on this ballot', [{ path: 'body.matterId', reason: `one of ${ballot.matters.map((m) => m.id).join(', ')}` }]);
  const now = new Date();
  const item: HearingItem = { et: 'hearing', ballotId, ...body, recordedAt: now.toISOString(), recordedBy: principal.kind === 'staff' ? principal.sub : 'unknown' };
  await ddb.send(new TransactWriteCommand({ TransactItems: [
    // The ballot is this compound's: a record is never written under a ballot that is not there.
    { ConditionCheck: { TableName: tableName(), Key: keys.ballot(compoundId, ballotId), ConditionExpression: 'attribute_exists(pk)' } },
    { Put: { TableName: tableName(), Item: { ...keys.hearing({ compoundId, ballotId }, body.matterId, body.stage, newId(now.getTime())), ...item } } },
    auditPut(principal, { action: 'hearing.record', target: `ballot:${compoundId}:${ballotId}`, after: { matterId: body.matterId, stage: body.stage, date: body.date, attendance: body.attendance } }, now),
  ] }));
  return item;
}

export async function hearings(ref: BallotRef): Promise<HearingItem[]> {
  const all = await queryAll<HearingItem>(keys.hearingsPk(ref));
  return all.map(({ pk: _p, sk: _s, ...h }: HearingItem & { pk?: string; sk?: string }) => h as HearingItem).sort((a, b) => a.date.localeCompare(b.date));
}

/** The district's announced ballots not yet closed, and those withdrawn lately: the 表决公告 list. */
export async function publicAnnouncements(now = Date.now()) {
  const items = await queryAll<{ compoundId: string; ballotId: string; title: string; compoundName: string; kind: string; announcedAt: string; opensAt: string; closesAt: string; withdrawnAt?: string }>(keys.ballotNoticeIndexPk, { newestFirst: true, limit: 400 });
  const month = 30 * 86_400_000;
  return items
    // Until voting closes (the results list takes over from there); a withdrawal stays a month.
    .filter((i) => i.compoundId && i.ballotId && (i.withdrawnAt ? Date.parse(i.withdrawnAt) > now - month : Date.parse(i.closesAt) > now))
    .slice(0, 200)
    .map(({ compoundId, ballotId, title, compoundName, kind, announcedAt, opensAt, closesAt, withdrawnAt }) => ({ compoundId, ballotId, title, compoundName, kind, announcedAt, opensAt, closesAt, withdrawn: Boolean(withdrawnAt) }));
}

/**
 * A ballot's announcement (表决公告) as owners read it during the notice period and after:
 * the matters in full with their kind, the window, the register's totals, the rule on
 * non-voters if any; a withdrawal and its reason. Nothing about any owner.
 */
export async function publicAnnouncement(compoundId: string, ballotId: string) {
  const ballot = await mustGetBallot(compoundId, ballotId);
  const compound = await getCompound(compoundId);
  return {
    ballotId, compoundId, compoundName: ballot.compoundName, address: compound?.address ?? '', title: ballot.title, kind: ballot.kind,
    ...(ballot.seats ? { seats: ballot.seats } : {}),
    state: ballotState(ballot), announcedAt: ballot.announcedAt, opensAt: ballot.opensAt, closesAt: ballot.closesAt,
    registerVersion: ballot.registerVersion, totals: ballot.totals,
    matters: ballot.matters.map((m) => ({ id: m.id, kind: m.kind, title: m.publicTitle ?? m.title, text: m.publicTitle ? '' : m.text, attachments: m.attachments })),
    followMajority: ballot.followMajority ? { rule: maskNumbers(ballot.followMajority.rule) } : null,
    proxyCap: voteRules().proxyCap,
    withdrawn: ballot.withdrawnAt ? { at: ballot.withdrawnAt, reason: maskNumbers(ballot.withdrawnReason ?? '') } : null,
  };
}
