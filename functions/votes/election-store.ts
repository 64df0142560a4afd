// Committee elections through the five gates (五关): 调研摸底, 筹备组建, 候选人推荐, 审核,
// 选举组织. Each gate is signed off in order by a role entitled to it, with its record; the
// fifth announces the election ballot, and once its result is frozen the committee record
// is created from it.
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { Principal, StaffRole } from '../../shared/access.ts';
import { BadRequest, Conflict, Forbidden, NotFound } from '../../shared/errors.ts';
import { GATES, GateBodies, type Gate } from '../../shared/votes/schemas.ts';
import { seatsProblem } from '../../shared/votes/rules.ts';
import { maskName } from '../../shared/privacy.ts';
import type * as z from 'zod/mini';
import { ddb, tableName } from '../lib/clients.ts';
import { keys } from '../lib/keys.ts';
import { auditPut } from '../lib/audit.ts';
import { queryAll } from '../lib/query.ts';
import { getCompound } from '../registry/compound-store.ts';
import { announceBallot, getBallot, voteRules } from './ballot-store.ts';
import { getResult } from './result-store.ts';
import type { CommitteeItem, ElectionItem } from './model.ts';

/** Who signs each gate off: the community approves the group and reviews candidates; the group organizes. */
export const GATE_SIGNERS: Record<Gate, readonly StaffRole[]> = {
  survey: ['community_staff', 'street_staff', 'district_admin'],
  preparatory: ['community_staff', 'street_staff', 'district_admin'],
  nominations: ['committee', 'community_staff'],
  review: ['community_staff', 'street_staff', 'district_admin'],
  organize: ['committee', 'community_staff'],
};

export async function getElection(compoundId: string, electionId: string, consistent = false): Promise<ElectionItem | undefined> {
  const { Item } = await ddb.send(new GetCommand({ TableName: tableName(), Key: keys.election(compoundId, electionId), ConsistentRead: consistent }));
  return Item as ElectionItem | undefined;
}

export async function listElections(compoundId: string): Promise<ElectionItem[]> {
  return queryAll<ElectionItem>(keys.ballotsPk(compoundId), { skPrefix: 'ELECTION#' });
}

export async function startElection(compoundId: string, electionId: string, title: string, principal: Principal): Promise<ElectionItem> {
  if (!(await getCompound(compoundId))) throw new NotFound('Compound');
  const now = new Date().toISOString();
  const item: ElectionItem = { et: 'election', id: electionId, compoundId, title, gates: {}, createdAt: now, createdBy: principal.kind === 'staff' ? principal.sub : 'unknown', rev: 1 };
  try {
    await ddb.send(new TransactWriteCommand({ TransactItems: [
      { Put: { TableName: tableName(), Item: { ...keys.election(compoundId, electionId), ...item }, ConditionExpression: 'attribute_not_exists(pk)' } },
      auditPut(principal, { action: 'election.start', target: `compound:${compoundId}`, after: { electionId, title } }),
    ] }));
  } catch (error) {
    if (error instanceof TransactionCanceledException) throw new Conflict('An election with this id exists', 'exists');
    throw error;
  }
  return item;
}

/** The next gate to sign, or null when all five are signed. */
export const nextGate = (e: Pick<ElectionItem, 'gates'>): Gate | null => GATES.find((g) => !e.gates[g]) ?? null;

export async function signGate(compoundId: string, electionId: string, gate: Gate, raw: unknown, principal: Principal): Promise<ElectionItem> {
  if (principal.kind !== 'staff') throw new Forbidden();
  const election = await getElection(compoundId, electionId, true);
  if (!election) throw new NotFound('Election');
  const due = nextGate(election);
  if (due !== gate) throw new Conflict(due === null ? 'All five gates are signed' : `Gates are passed in order: next is ${due}`, 'gate_order');
  if (!GATE_SIGNERS[gate].includes(principal.role)) throw new Forbidden(`The ${gate} gate is signed by ${GATE_SIGNERS[gate].join(' or ')}`);
  const parsed = GateBodies[gate].safeParse(raw);
  if (!parsed.success) throw new BadRequest('The gate\'s record is incomplete', parsed.error.issues.map((i) => ({ path: ['body', ...i.path.map(String)].join('.'), reason: i.message })));
  const record = await gateRecord(compoundId, election, gate, parsed.data);
  const now = new Date();
  const signed = { record, signedBy: principal.sub, signedRole: principal.role, signedAt: now.toISOString() };
  const ballotId = gate === 'organize' ? await organize(compoundId, election, parsed.data as z.infer<typeof GateBodies.organize>, principal) : undefined;
  try {
    await ddb.send(new TransactWriteCommand({ TransactItems: [
      { Update: {
        TableName: tableName(), Key: keys.election(compoundId, electionId),
        UpdateExpression: `SET gates.#g = :signed, rev = rev + :one${gate === 'organize' ? ', ballotId = :ballot' : ''}`,
        ConditionExpression: 'attribute_exists(pk) AND rev = :rev AND attribute_not_exists(gates.#g)',
        ExpressionAttributeNames: { '#g': gate },
        ExpressionAttributeValues: { ':signed': signed, ':one': 1, ':rev': election.rev, ...(ballotId ? { ':ballot': ballotId } : {}) },
      } },
      auditPut(principal, { action: `election.gate.${gate}`, target: `compound:${compoundId}`, after: { electionId, gate } }, now),
    ] }));
  } catch (error) {
    if (error instanceof TransactionCanceledException) throw new Conflict('Someone signed this gate at the same moment; reload', 'gate_changed');
    throw error;
  }
  return (await getElection(compoundId, electionId, true))!;
}

/**
 * Ids the election's ballot may take, in order. Ballot ids are chosen by the committee too, so
 * one of these may already name an ordinary ballot: the next free one is used and kept on the
 * election record.
 */
const electionBallotIds = (electionId: string) => [`${electionId.slice(0, 41)}-ballot`, ...Array.from({ length: 9 }, (_, i) => `${electionId.slice(0, 39)}-ballot${i + 2}`)];

async function gateRecord(compoundId: string, election: ElectionItem, gate: Gate, data: unknown): Promise<Record<string, unknown>> {
  if (gate === 'survey') {
    // Register readiness is checked here, not taken on trust.
    const compound = await getCompound(compoundId, true);
    if (!compound || compound.currentVersion === 0) throw new BadRequest('The owners\' register is not ready', [{ path: 'body', reason: 'import the owners\' register before the survey gate' }], 'no_register');
    const d = data as z.infer<typeof GateBodies.survey>;
    if (d.reachableOwners > compound.ownerHeads) throw new BadRequest('More owners reached than the register holds', [{ path: 'body.reachableOwners', reason: `at most ${compound.ownerHeads}` }]);
    return { ...d, register: { version: compound.currentVersion, units: compound.unitCount, heads: compound.ownerHeads, areaHundredths: compound.totalAreaHundredths } };
  }
  if (gate === 'review') {
    const d = data as z.infer<typeof GateBodies.review>;
    const candidates = (election.gates.nominations?.record.candidates ?? []) as { id: string }[];
    const ids = new Set(candidates.map((c) => c.id));
    const decided = new Set(d.decisions.map((x) => x.candidateId));
    const unknown = [...decided].filter((id) => !ids.has(id));
    const missing = [...ids].filter((id) => !decided.has(id));
    if (unknown.length || missing.length) throw new BadRequest('Decide on every nominated candidate, once', [...unknown.map((id) => ({ path: 'body.decisions', reason: `${id} was not nominated` })), ...missing.map((id) => ({ path: 'body.decisions', reason: `no decision on ${id}` }))]);
    if (!d.decisions.some((x) => x.approved)) throw new BadRequest('At least one candidate must be approved to hold an election', [{ path: 'body.decisions', reason: 'all rejected' }]);
    return d;
  }
  return data as Record<string, unknown>;
}

/** Gate 5: the election ballot, one ordinary matter per approved candidate. */
async function organize(compoundId: string, election: ElectionItem, d: z.infer<typeof GateBodies.organize>, principal: Principal): Promise<string> {
  const problem = seatsProblem(d.seats, voteRules());
  if (problem) throw new BadRequest('The number of seats is not allowed', [{ path: 'body.seats', reason: problem }], 'seats');
  if (Date.parse(d.closesAt) <= Date.parse(d.opensAt)) throw new BadRequest('closesAt must be after opensAt', [{ path: 'body.closesAt', reason: 'after opensAt' }]);
  const candidates = (election.gates.nominations!.record.candidates as { id: string; name: string; building: string; unit: string; bio: string }[]);
  const approved = new Set((election.gates.review!.record.decisions as { candidateId: string; approved: boolean }[]).filter((x) => x.approved).map((x) => x.candidateId));
  const standing = candidates.filter((c) => approved.has(c.id));
  const ballot = {
    kind: 'election' as const, electionId: election.id, seats: d.seats, publicTitles: standing.map((c) => `${maskName(c.name)}（${c.building}）`),
    body: { title: d.title, opensAt: d.opensAt, closesAt: d.closesAt, matters: standing.map((c) => ({ id: c.id, kind: 'ordinary' as const, title: `${c.name}（${c.building} ${c.unit}）`, text: c.bio.length >= 10 ? c.bio : `${c.bio}。候选人：${c.name}`, attachments: [] })) },
  };
  for (const ballotId of electionBallotIds(election.id)) {
    const existing = await getBallot(compoundId, ballotId, true);
    // A retry after a failed sign-off finds its own ballot already announced.
    if (existing?.electionId === election.id) return ballotId;
    if (existing) continue;
    try {
      await announceBallot(compoundId, ballotId, ballot, principal);
      return ballotId;
    } catch (error) {
      // Taken between the read and the write: try the next id.
      if (!(error instanceof Conflict) || error.code !== 'exists') throw error;
    }
  }
  throw new Conflict('Every id this election\'s ballot could take is used by another ballot; withdraw one or start the election under another id', 'ballot_ids_taken');
}

/** After the election ballot's result is frozen: the committee record, from the elected candidates. */
export async function formCommittee(compoundId: string, electionId: string, principal: Principal): Promise<CommitteeItem> {
  const election = await getElection(compoundId, electionId, true);
  if (!election?.ballotId) throw new Conflict('The election ballot has not been organized (gate 5)', 'gate_order');
  if (election.committeeFormedAt) throw new Conflict('The committee of this election is already formed', 'already_formed');
  const result = await getResult(compoundId, election.ballotId);
  if (!result?.allocation) throw new Conflict('The election ballot has no frozen result yet', 'ballot_open');
  const candidates = new Map((election.gates.nominations!.record.candidates as { id: string; name: string; building: string; unit: string }[]).map((c) => [c.id, c]));
  const now = new Date();
  const termEnd = new Date(now);
  termEnd.setFullYear(termEnd.getFullYear() + voteRules().termYears);
  const committee: CommitteeItem = {
    et: 'committee', compoundId, electionId, ballotId: election.ballotId,
    members: result.allocation.elected.map((id) => ({ candidateId: id, name: candidates.get(id)!.name, building: candidates.get(id)!.building, unit: candidates.get(id)!.unit })),
    openSeats: result.allocation.openSeats, seats: result.seats ?? 0,
    termStart: now.toISOString().slice(0, 10), termEnd: termEnd.toISOString().slice(0, 10), formedAt: now.toISOString(),
  };
  if (committee.members.length === 0) throw new Conflict('Nobody was elected; the committee cannot be formed from this ballot', 'nobody_elected');
  await ddb.send(new TransactWriteCommand({ TransactItems: [
    { Update: { TableName: tableName(), Key: keys.election(compoundId, electionId), UpdateExpression: 'SET committeeFormedAt = :now', ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(committeeFormedAt)', ExpressionAttributeValues: { ':now': committee.formedAt } } },
    { Put: { TableName: tableName(), Item: { ...keys.committee(compoundId), ...committee } } },
    { Put: { TableName: tableName(), Item: { ...keys.committeeIndex(compoundId), et: 'committee-index', compoundId, formedAt: committee.formedAt, members: committee.members.length, termEnd: committee.termEnd } } },
    auditPut(principal, { action: 'committee.form', target: `compound:${compoundId}`, after: { electionId, members: committee.members.map((m) => m.candidateId), openSeats: committee.openSeats } }, now),
  ] }));
  return committee;
}

export async function getCommittee(compoundId: string): Promise<CommitteeItem | undefined> {
  const { Item } = await ddb.send(new GetCommand({ TableName: tableName(), Key: keys.committee(compoundId) }));
  return Item as CommitteeItem | undefined;
}

export async function committeeIndex(): Promise<{ compoundId: string; formedAt: string; members: number; termEnd: string }[]> {
  return queryAll(keys.committeeIndexPk);
}
