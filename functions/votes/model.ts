// Vote items as stored. Only this folder reads and writes them.
import type { Choice, MatterKind, Share, Tally } from '../../shared/votes/tally.ts';
import type { SeatAllocation } from '../../shared/votes/election.ts';
import type { Gate } from '../../shared/votes/schemas.ts';

export interface MatterItem {
  id: string; kind: MatterKind; title: string; text: string; attachments: { name: string; url: string }[];
  /** An election's candidate as public pages show them: name masked, building only. */
  publicTitle?: string;
}

export interface BallotItem {
  et: 'ballot';
  id: string; compoundId: string; compoundName: string; title: string;
  kind: 'vote' | 'election';
  /** For an election: the election it belongs to and its seats; its matters are the candidates. */
  electionId?: string; seats?: number;
  matters: MatterItem[];
  registerVersion: number;
  totals: Share;
  /** Announcing is creating: the matters are fixed from here on, and voting opens no sooner than the district's notice period. */
  announcedAt: string; opensAt: string; closesAt: string;
  createdBy: string;
  /** Every vote and paper keying moves these in its own transaction; close checks them. */
  voteCount: number; pendingPaper: number;
  resultAt?: string;
  /** Withdrawn before voting opened (a mistake in the announcement): nothing can be recorded on it. */
  withdrawnAt?: string; withdrawnReason?: string;
  /** The rules of procedure's article deeming delivered non-voters to follow the majority, if any. */
  followMajority?: { rule: string };
}

export type Channel = 'online' | 'paper' | 'proxy';

export interface RollUnitItem { et: 'roll-unit'; ballotId: string; building: string; unit: string; ownerId: string; areaHundredths: number }

export interface VoteItem {
  et: 'vote';
  ballotId: string; ownerId: string;
  choices: Record<string, Choice>;
  channel: Channel;
  /** The code on the owner's receipt and on the bulletin: random, so it says nothing about who. */
  receipt: string;
  recordedAt: string;
  /** The unit whose code or sheet carried the vote. */
  building: string; unit: string;
  idempotencyKey?: string;
  sheetNo?: string;
  /** Staff who keyed a paper or proxy sheet (two different users). */
  keyedBy?: string[];
}

export interface ConflictItem {
  et: 'vote-conflict';
  ballotId: string; ownerId: string; building: string; unit: string;
  channel: Channel; attemptedAt: string; by: string;
  first: { channel: Channel; recordedAt: string };
}

export interface PaperKeying { by: string; at: string; sheetNo: string; channel: 'paper' | 'proxy'; choices: Record<string, Choice> }
export interface PaperSheetItem {
  et: 'paper-sheet';
  ballotId: string; ownerId: string; building: string; unit: string;
  status: 'waiting' | 'held';
  keyings: PaperKeying[];
}

export interface ProxyItem {
  et: 'proxy';
  ballotId: string; ownerId: string; building: string; unit: string;
  proxyName: string; holderKey: string; documentRef: string; recordedAt: string; recordedBy: string;
}

export interface ResultItem {
  et: 'ballot-result';
  ballotId: string; compoundId: string; compoundName: string; title: string; kind: 'vote' | 'election';
  matters: Omit<MatterItem, 'text' | 'attachments'>[];
  registerVersion: number;
  tally: Tally;
  byChannel: Record<Channel, number>;
  conflicts: number;
  opensAt: string; closesAt: string; closedAt: string; closedBy: string;
  /** Posted at least this long (the district's rule). */
  postedUntil: string;
  seats?: number;
  allocation?: SeatAllocation;
  /** Beside the raw tally, never instead of it: non-voters with proof of delivery deemed to follow the majority. */
  deemed?: { rule: string; delivered: number; tally: Tally; matters: { matterId: string; choice: 'agree' | 'disagree' | null; owners: number }[] };
}

export interface DeliveryItem {
  et: 'delivery';
  ballotId: string; ownerId: string; building: string; unit: string;
  method: string; deliveredOn: string; proofRef: string; recordedAt: string; recordedBy: string;
}

export interface HearingItem {
  et: 'hearing';
  ballotId: string; matterId: string; stage: 'before' | 'during' | 'after'; date: string;
  attendance: number; minutes: string; outcome: string; recordedAt: string; recordedBy: string;
}

export interface GateRecord { record: Record<string, unknown>; signedBy: string; signedRole: string; signedAt: string }

export interface ElectionItem {
  et: 'election';
  id: string; compoundId: string; title: string;
  gates: Partial<Record<Gate, GateRecord>>;
  ballotId?: string;
  committeeFormedAt?: string;
  createdAt: string; createdBy: string; rev: number;
}

export interface CommitteeItem {
  et: 'committee';
  compoundId: string; electionId: string; ballotId: string;
  members: { candidateId: string; name: string; building: string; unit: string }[];
  openSeats: number; seats: number;
  termStart: string; termEnd: string;
  formedAt: string;
}
