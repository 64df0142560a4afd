// Staff messages of the votes capability: ballots, paper entries, proxies, hearings and the
// five gates of a committee election. The page, the handlers and the tests use these.
import * as z from 'zod';
import { Id } from '../registry/schemas.ts';
import { CHOICES, MATTER_KINDS } from './tally.ts';

export const BallotParams = z.object({ compoundId: Id, ballotId: Id });
export const ElectionParams = z.object({ compoundId: Id, electionId: Id });
export const GATES = ['survey', 'preparatory', 'nominations', 'review', 'organize'] as const;
export type Gate = (typeof GATES)[number];
export const GateParams = z.object({ compoundId: Id, electionId: Id, gate: z.enum(GATES) });

const Instant = z.iso.datetime({ offset: true });
const MatterId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,23}$/, 'lowercase letters, digits and -, up to 24 characters');
export const Choice = z.enum(CHOICES);

export const Attachment = z.object({
  name: z.string().trim().min(1).max(80),
  /** Where the full text lies (the district's document store, or a notice board photo). */
  url: z.url({ protocol: /^https?$/ }).max(500),
});

export const MatterBody = z.object({
  id: MatterId,
  /** ordinary: art. 278 items 1-5 and 9; special: items 6-8 (raising maintenance funds, rebuilding, changing the use of common parts). */
  kind: z.enum(MATTER_KINDS),
  title: z.string().trim().min(4).max(80),
  text: z.string().trim().min(10, 'state the matter in at least 10 characters').max(4000),
  attachments: z.array(Attachment).max(10).default([]),
});

export const BallotBody = z
  .object({
    title: z.string().trim().min(4).max(80),
    matters: z.array(MatterBody).min(1).max(20).refine((m) => new Set(m.map((x) => x.id)).size === m.length, 'matter ids must be unique'),
    /** The register version the ballot counts by; the compound's current version when omitted. */
    registerVersion: z.number().int().min(1).optional(),
    opensAt: Instant,
    closesAt: Instant,
    /**
     * Only when the compound's rules of procedure (议事规则) say that owners who received the
     * ballot and did not vote follow the majority: the article, quoted. The result then shows
     * the deemed tally beside the raw one, counting only owners with recorded proof of delivery.
     */
    followMajority: z.object({ rule: z.string().trim().min(10, 'quote the article of the rules of procedure').max(500) }).optional(),
  })
  .refine((b) => Date.parse(b.opensAt) < Date.parse(b.closesAt), { message: 'closesAt must be after opensAt', path: ['closesAt'] });
export type BallotBody = z.infer<typeof BallotBody>;

export const Choices = z.record(MatterId, Choice);

const Unit = { building: z.string().trim().min(1).max(20), unit: z.string().trim().min(1).max(20) };

/** One keying of one paper sheet; a second user keys it again and the two must agree. */
export const PaperEntryBody = z.object({
  ...Unit,
  /** paper: the owner's own sheet; proxy: a sheet filled by the owner's recorded proxy. */
  channel: z.enum(['paper', 'proxy']).default('paper'),
  /** The number printed on the sheet, so the two keyings are of the same sheet. */
  sheetNo: z.string().trim().min(1).max(30),
  choices: Choices,
});
export type PaperEntryBody = z.infer<typeof PaperEntryBody>;

/** A held mismatch is settled by discarding both keyings (with a reason); the sheet is keyed twice again. */
export const PaperDiscardBody = z.object({ ...Unit, reason: z.string().trim().min(4).max(200) });

export const ProxyBody = z.object({
  ...Unit,
  proxyName: z.string().trim().min(2).max(40),
  /** The last six characters of the proxy's ID card: tells two proxies of the same name apart for the cap. */
  proxyIdTail: z.string().trim().regex(/^[0-9]{5}[0-9Xx]$/, 'the last 6 characters of the ID card'),
  /** The written proxy's reference (委托书编号), kept with the ballot's papers. */
  documentRef: z.string().trim().min(1).max(40),
});
export type ProxyBody = z.infer<typeof ProxyBody>;

export const DELIVERY_METHODS = ['in_person', 'mail', 'message', 'door'] as const;
/** Proof that an owner received the ballot (for a ballot whose rules deem non-voters to follow the majority). */
export const DeliveryBody = z.object({
  ...Unit,
  /** in_person: signed for; mail: registered mail; message: SMS or WeChat with read receipt; door: left at the door, photographed. */
  method: z.enum(DELIVERY_METHODS),
  deliveredOn: z.iso.date(),
  /** Where the proof is kept: the signature sheet's page, the mail number, the photo's file name. */
  proofRef: z.string().trim().min(2).max(80),
});
export type DeliveryBody = z.infer<typeof DeliveryBody>;

export const WithdrawBody = z.object({ reason: z.string().trim().min(4, 'say why, in at least 4 characters').max(200) });

export const HEARING_STAGES = ['before', 'during', 'after'] as const;
/** 三会: hearing before (事前听证), coordination during (事中协调), review after (事后评议). */
export const HearingBody = z.object({
  matterId: MatterId,
  stage: z.enum(HEARING_STAGES),
  date: z.iso.date(),
  attendance: z.number().int().min(0).max(100_000),
  minutes: z.string().trim().min(10).max(4000),
  outcome: z.string().trim().min(2).max(500),
});
export type HearingBody = z.infer<typeof HearingBody>;

// The five gates (五关). Each gate's body is its record; posting it signs the gate off.
const Person = { name: z.string().trim().min(2).max(40) };
export const GateBodies = {
  /** 调研摸底: the register is ready (checked by the server) and how many owners were reached. */
  survey: z.object({ reachableOwners: z.number().int().min(0), notes: z.string().trim().min(4).max(2000) }),
  /** 筹备组建: the preparatory group, approved by the community. */
  preparatory: z.object({
    members: z.array(z.object({ ...Person, role: z.string().trim().min(2).max(30) })).min(3).max(15),
    approvalRef: z.string().trim().min(2).max(60),
  }),
  /** 候选人推荐: each candidate's details. */
  nominations: z.object({
    candidates: z.array(z.object({ id: MatterId, ...Person, ...Unit, bio: z.string().trim().min(4).max(500), nominatedBy: z.string().trim().min(2).max(60) }))
      .min(1).max(40).refine((c) => new Set(c.map((x) => x.id)).size === c.length, 'candidate ids must be unique'),
  }),
  /** 审核: every candidate approved, or rejected with a reason. */
  review: z.object({
    decisions: z.array(z.object({ candidateId: MatterId, approved: z.boolean(), reason: z.string().trim().max(200).default('') }))
      .min(1).refine((d) => d.every((x) => x.approved || x.reason.length >= 4), 'a rejection needs a reason of at least 4 characters'),
  }),
  /** 选举组织: the election ballot. */
  organize: z.object({ title: z.string().trim().min(4).max(80), seats: z.number().int().min(1).max(21), opensAt: Instant, closesAt: Instant }),
} as const;

export const ElectionBody = z.object({ title: z.string().trim().min(4).max(80) });
export const BulletinQuery = z.object({ receipt: z.string().trim().max(20).optional() });
export const ExportQuery = z.object({ file: z.enum(['register', 'matters', 'votes']) });
