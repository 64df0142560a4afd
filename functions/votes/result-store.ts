// Close, result, bulletin and export. At close the tally is computed from the stored votes by
// the pure rules in shared/votes and frozen as one immutable item, written in the same
// transaction that marks the ballot closed, on the condition that the ballot's vote counter
// still equals the votes read and no paper sheet is half-keyed: a vote that lands while the
// result is computed makes the close retry, so the result is always of every stored vote.
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { Principal } from '../../shared/access.ts';
import { Conflict, NotFound } from '../../shared/errors.ts';
import { formatArea } from '../../shared/area.ts';
import { toCsv } from '../../shared/registry/csv.ts';
import { quorumGap, tally, type Share, type Vote } from '../../shared/votes/tally.ts';
import { allocateSeats } from '../../shared/votes/election.ts';
import { deemedTally } from '../../shared/votes/deemed.ts';
import { ddb, tableName } from '../lib/clients.ts';
import { keys, type BallotRef } from '../lib/keys.ts';
import { auditPut } from '../lib/audit.ts';
import { queryAll } from '../lib/query.ts';
import { ballotState, deliveries, hearings, mustGetBallot, roll, voteRules } from './ballot-store.ts';
import { resultPeriodEnd } from '../../shared/votes/rules.ts';
import type { BallotItem, Channel, ConflictItem, PaperSheetItem, ProxyItem, ResultItem, RollUnitItem, VoteItem } from './model.ts';
import { maskName, maskNumbers } from '../../shared/privacy.ts';

export async function votesOf(ref: BallotRef, consistent = false): Promise<VoteItem[]> {
  return queryAll<VoteItem>(keys.votesPk(ref), { skPrefix: 'OWNER#', consistent });
}

/** The votes as the rules take them: one per owner and matter, blanks left out (streamed, not copied). */
export function* ruleVotes(votes: readonly VoteItem[]): Generator<Vote> {
  for (const v of votes) for (const matterId in v.choices) yield { ownerId: v.ownerId, matterId, choice: v.choices[matterId]! };
}

export function computeResult(ballot: BallotItem, units: readonly RollUnitItem[], votes: readonly VoteItem[], conflicts: number, closedAt: Date, closedBy: string, delivered: ReadonlySet<string> = new Set()): ResultItem {
  // Roll items already carry what the rules read (owner id and area); no copy is needed.
  const t = tally(units, ballot.matters, ruleVotes(votes));
  const byChannel: Record<Channel, number> = { online: 0, paper: 0, proxy: 0 };
  for (const v of votes) byChannel[v.channel]++;
  return {
    et: 'ballot-result', ballotId: ballot.id, compoundId: ballot.compoundId, compoundName: ballot.compoundName, title: ballot.title, kind: ballot.kind,
    matters: ballot.matters.map((m) => ({ id: m.id, kind: m.kind, title: m.publicTitle ?? m.title })),
    registerVersion: ballot.registerVersion, tally: t, byChannel, conflicts,
    opensAt: ballot.opensAt, closesAt: ballot.closesAt, closedAt: closedAt.toISOString(), closedBy,
    postedUntil: resultPeriodEnd(closedAt.toISOString(), voteRules()),
    ...(ballot.kind === 'election' ? { seats: ballot.seats, allocation: allocateSeats(t.matters, ballot.seats ?? 0) } : {}),
    ...(ballot.followMajority ? { deemed: deemedResult(ballot, units, votes, delivered) } : {}),
  };
}

function deemedResult(ballot: BallotItem, units: readonly RollUnitItem[], votes: readonly VoteItem[], delivered: ReadonlySet<string>): NonNullable<ResultItem['deemed']> {
  const out = deemedTally(units, ballot.matters, [...ruleVotes(votes)], delivered);
  return { rule: ballot.followMajority!.rule, delivered: delivered.size, tally: out.tally, matters: out.deemed };
}

export async function getResult(compoundId: string, ballotId: string): Promise<ResultItem | undefined> {
  const { Item } = await ddb.send(new GetCommand({ TableName: tableName(), Key: keys.ballotResult(compoundId, ballotId) }));
  if (!Item) return undefined;
  const { pk: _p, sk: _s, ...result } = Item;
  return result as ResultItem;
}

const paperSheets = (ref: BallotRef) => queryAll<PaperSheetItem>(keys.paperPk(ref), { consistent: true });
const conflictsOf = (ref: BallotRef) => queryAll<ConflictItem>(keys.votesPk(ref), { skPrefix: 'CONFLICT#' });

export async function closeBallot(compoundId: string, ballotId: string, principal: Principal): Promise<ResultItem> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const ballot = await mustGetBallot(compoundId, ballotId, true);
    const state = ballotState(ballot);
    if (state === 'closed') throw new Conflict('The result is already frozen', 'already_closed');
    if (state === 'withdrawn') throw new Conflict('The ballot was withdrawn before voting opened', 'ballot_withdrawn');
    if (state !== 'counting') throw new Conflict(`Voting is ${state === 'open' ? 'open' : 'not yet open'} until ${state === 'open' ? ballot.closesAt : ballot.opensAt}; the result is frozen after voting closes`, 'ballot_open');
    if (ballot.pendingPaper > 0) {
      const sheets = await paperSheets({ compoundId, ballotId });
      throw new Conflict(`${ballot.pendingPaper} paper sheet(s) are keyed once or held: ${sheets.map((s) => `${s.building} ${s.unit} (${s.status === 'held' ? 'held' : 'waiting for the second keying'})`).join('; ')}`, 'paper_pending');
    }
    const ref = { compoundId, ballotId };
    const [votes, units, conflicts, delivered] = await Promise.all([votesOf(ref, true), roll(ref, true), conflictsOf(ref), ballot.followMajority ? deliveries(ref, true) : []]);
    if (votes.length !== ballot.voteCount) continue;
    const now = new Date();
    const result = computeResult(ballot, units, votes, new Set(conflicts.map((c) => c.ownerId)).size, now, principal.kind === 'staff' ? principal.sub : 'unknown', new Set(delivered.map((x) => x.ownerId)));
    try {
      await ddb.send(new TransactWriteCommand({ TransactItems: [
        { Update: {
          TableName: tableName(), Key: keys.ballot(compoundId, ballotId), UpdateExpression: 'SET resultAt = :now',
          ConditionExpression: 'attribute_not_exists(resultAt) AND voteCount = :n AND pendingPaper = :zero',
          ExpressionAttributeValues: { ':now': result.closedAt, ':n': votes.length, ':zero': 0 },
        } },
        { Put: { TableName: tableName(), Item: { ...keys.ballotResult(compoundId, ballotId), ...result }, ConditionExpression: 'attribute_not_exists(pk)' } },
        // The district's list of results, newest first.
        { Put: { TableName: tableName(), Item: { ...keys.ballotResultIndex(result.closedAt, compoundId, ballotId), et: 'ballot-result-index', compoundId, ballotId, title: ballot.title, compoundName: ballot.compoundName, kind: ballot.kind, closedAt: result.closedAt } } },
        auditPut(principal, { action: 'ballot.close', target: `ballot:${compoundId}:${ballotId}`, after: { votes: votes.length, matters: result.tally.matters.map((m) => ({ id: m.matterId, quorumMet: m.quorumMet, passed: m.passed })) } }, now),
      ] }));
      return result;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
    }
  }
  throw new Conflict('Votes kept arriving while the result was computed; close again', 'retry');
}

/** Before close: who has taken part and how far from the quorum, never their choices. */
export async function ballotBoard(compoundId: string, ballotId: string) {
  const ballot = await mustGetBallot(compoundId, ballotId);
  const ref = { compoundId, ballotId };
  const [votes, units, conflicts, sheets, proxies, records, delivered, result] = await Promise.all([
    votesOf(ref), roll(ref), conflictsOf(ref), paperSheets(ref),
    queryAll<ProxyItem>(keys.proxiesPk(ref), { skPrefix: 'OWNER#' }), hearings(ref), ballot.followMajority ? deliveries(ref) : [],
    ballot.resultAt ? getResult(compoundId, ballotId) : null,
  ]);
  const voted = new Map(votes.map((v) => [v.ownerId, v]));
  const owners = new Map<string, { area: number; units: { building: string; unit: string }[] }>();
  for (const u of units) {
    const o = owners.get(u.ownerId) ?? { area: 0, units: [] };
    o.area += u.areaHundredths;
    o.units.push({ building: u.building, unit: u.unit });
    owners.set(u.ownerId, o);
  }
  const participating: Share = { areaHundredths: 0, heads: 0 };
  for (const id of voted.keys()) {
    participating.areaHundredths += owners.get(id)?.area ?? 0;
    participating.heads += 1;
  }
  const state = ballotState(ballot);
  return {
    // Results are published within the district's days of the close (Qingdao: 3).
    ballot: { ...ballot, state, rules: voteRules(), countDueBy: resultPeriodEnd(ballot.closesAt, voteRules()) },
    participation: { participating, totals: ballot.totals, gap: quorumGap(participating, ballot.totals) },
    // Door-to-door lists: units only; the register holds the names for those entitled to them.
    tookPart: votes.map((v) => ({ ownerId: v.ownerId, building: v.building, unit: v.unit, channel: v.channel, recordedAt: v.recordedAt })).sort((a, b) => a.recordedAt.localeCompare(b.recordedAt)),
    notYet: [...owners.entries()].filter(([id]) => !voted.has(id)).map(([ownerId, o]) => ({ ownerId, areaHundredths: o.area, units: o.units })),
    paperSheets: sheets.map((s) => ({ building: s.building, unit: s.unit, status: s.status, keyings: s.keyings.map((k) => ({ by: k.by, at: k.at, sheetNo: k.sheetNo, channel: k.channel, ...(s.status === 'held' ? { choices: k.choices } : {}) })) })),
    proxies: proxies.map((p) => ({ building: p.building, unit: p.unit, proxy: maskName(p.proxyName), documentRef: p.documentRef, recordedAt: p.recordedAt })),
    conflicts: conflicts.map((c) => ({ id: (c as ConflictItem & { sk: string }).sk, building: c.building, unit: c.unit, channel: c.channel, attemptedAt: c.attemptedAt, first: c.first })),
    hearings: records,
    deliveries: delivered.map((x) => ({ building: x.building, unit: x.unit, method: x.method, deliveredOn: x.deliveredOn, proofRef: x.proofRef })),
    result: result ?? null,
  };
}

async function mustGetClosed(compoundId: string, ballotId: string): Promise<{ ballot: BallotItem; result: ResultItem }> {
  const ballot = await mustGetBallot(compoundId, ballotId);
  const result = ballot.resultAt ? await getResult(compoundId, ballotId) : undefined;
  if (!result) throw new NotFound('Result of this ballot (it is published when voting has closed and the result is frozen)');
  return { ballot, result };
}

/** The public results notice: numbers, matters and hearings; no unit, owner or name. */
export async function publicResult(compoundId: string, ballotId: string) {
  const { ballot, result } = await mustGetClosed(compoundId, ballotId);
  const records = await hearings({ compoundId, ballotId });
  // Who pressed 计票 (a staff sub, which an identity platform may make an ID number) and the
  // storage keys stay inside.
  const { closedBy: _closedBy, pk: _pk, sk: _sk, ...shown } = result as typeof result & { pk?: string; sk?: string };
  return {
    result: shown,
    matters: ballot.matters.map((m) => ({ id: m.id, kind: m.kind, title: m.publicTitle ?? m.title, text: m.publicTitle ? '' : m.text, attachments: m.attachments })),
    hearings: records.map((h) => ({ matterId: h.matterId, stage: h.stage, date: h.date, attendance: h.attendance, outcome: maskNumbers(h.outcome) })),
    announcedAt: ballot.announcedAt,
  };
}

/** Every receipt of the ballot with its choices: each owner finds theirs, anyone can recount the choices. */
export async function bulletin(compoundId: string, ballotId: string, receipt?: string) {
  const { ballot, result } = await mustGetClosed(compoundId, ballotId);
  const votes = await votesOf({ compoundId, ballotId });
  const wanted = receipt?.toUpperCase().replace(/[^0-9A-Z]/g, '');
  const rows = votes
    .map((v) => ({ receipt: v.receipt, choices: v.choices }))
    .filter((r) => !wanted || r.receipt.replace('-', '') === wanted)
    .sort((a, b) => a.receipt.localeCompare(b.receipt));
  return { ballotId, kind: ballot.kind, title: ballot.title, compoundName: ballot.compoundName, closedAt: result.closedAt, postedUntil: result.postedUntil, matters: result.matters, total: votes.length, receipts: rows };
}

/** The three recount files (issue 6 item 4) of a closed ballot: same rules, anyone's computer. */
export async function exportFile(compoundId: string, ballotId: string, file: 'register' | 'matters' | 'votes'): Promise<string> {
  const { ballot } = await mustGetClosed(compoundId, ballotId);
  if (file === 'matters') return toCsv([['matter_id', 'kind'], ...ballot.matters.map((m) => [m.id, m.kind])]);
  if (file === 'register') {
    const units = await roll({ compoundId, ballotId });
    return toCsv([['unit_id', 'owner_id', 'area'], ...units.map((u) => [`${u.building}#${u.unit}`, u.ownerId, formatArea(u.areaHundredths)])]);
  }
  const votes = await votesOf({ compoundId, ballotId });
  const order = new Map(ballot.matters.map((m, i) => [m.id, i]));
  return toCsv([['owner_id', 'matter_id', 'choice'], ...votes.flatMap((v) => Object.entries(v.choices).sort(([a], [b]) => order.get(a)! - order.get(b)!).map(([m, c]) => [v.ownerId, m, c]))]);
}

export async function publicResults() {
  const items = await queryAll<{ compoundId: string; ballotId: string; title: string; compoundName: string; kind: string; closedAt: string }>(keys.ballotResultIndexPk, { newestFirst: true });
  return items.slice(0, 200).map(({ compoundId, ballotId, title, compoundName, kind, closedAt }) => ({ compoundId, ballotId, title, compoundName, kind, closedAt }));
}
