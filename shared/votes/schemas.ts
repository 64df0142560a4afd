// Staff messages of the votes capability: ballots, paper entries, proxies, hearings and the
// five gates of a committee election. The page, the handlers and the tests use these.
import * as z from 'zod/mini';
import '../zod-en.ts';
import { Id } from '../registry/schemas.ts';
import { keyName, name, text } from '../text.ts';
import { CHOICES, MATTER_KINDS } from './tally.ts';

// Each schema is built through `pure`, marked free of side effects, so that a function's
// bundle leaves out (and so never builds at cold start) the schemas its own route does not
// use. esbuild honours the mark only in the file that declares it: one such line per module.
const pure = /* @__NO_SIDE_EFFECTS__ */ <T>(build: () => T): T => build();

export const BallotParams = pure(() => z.object({ compoundId: Id, ballotId: Id }));
export const ElectionParams = pure(() => z.object({ compoundId: Id, electionId: Id }));
export const GATES = ['survey', 'preparatory', 'nominations', 'review', 'organize'] as const;
export type Gate = (typeof GATES)[number];
export const GateParams = pure(() => z.object({ compoundId: Id, electionId: Id, gate: z.enum(GATES) }));

const Instant = pure(() => z.iso.datetime({ offset: true }));
const MatterId = pure(() => z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,23}$/, 'lowercase letters, digits and -, up to 24 characters')));
export const Choice = pure(() => z.enum(CHOICES));

export const Attachment = pure(() => z.object({
  name: name(1, 80),
  /** Where the full text lies (the district's document store, or a notice board photo). */
  url: z.url({ protocol: /^https?$/ }).check(z.maxLength(500)),
}));

/** A link as the browser resolves it, so HTTPS://A.b/c and https://a.b/c are one link. */
function sameLink(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
}

/** At most 10, each link and each name once: the ballot page lists them keyed by link. */
export const Attachments = pure(() => z.array(Attachment).check(
  z.maxLength(10, 'at most 10 attachments'),
  z.superRefine((list, ctx) => {
    const urls = new Map<string, number>();
    const names = new Map<string, number>();
    list.forEach((a, i) => {
      const link = sameLink(a.url);
      const sameUrl = urls.get(link);
      if (sameUrl === undefined) urls.set(link, i);
      else ctx.addIssue({ code: 'custom', message: `attachments ${sameUrl + 1} and ${i + 1} have the same link ${a.url}`, input: list });
      const sameName = names.get(a.name);
      if (sameName === undefined) names.set(a.name, i);
      else ctx.addIssue({ code: 'custom', message: `attachments ${sameName + 1} and ${i + 1} have the same name ${a.name}`, input: list });
    });
  }),
));

export const MatterBody = pure(() => z.object({
  id: MatterId,
  /** ordinary: art. 278 items 1-5 and 9; special: items 6-8 (raising maintenance funds, rebuilding, changing the use of common parts). */
  kind: z.enum(MATTER_KINDS),
  title: name(4, 80),
  text: text(10, 4000, { min: 'state the matter in at least 10 characters' }),
  attachments: z._default(Attachments, []),
}));

export const BallotBody = pure(() => z
  .object({
    title: name(4, 80),
    matters: z.array(MatterBody).check(z.minLength(1), z.maxLength(20), z.refine((m) => new Set(m.map((x) => x.id)).size === m.length, 'matter ids must be unique')),
    /** The register version the ballot counts by; the compound's current version when omitted. */
    registerVersion: z.optional(z.number().check(z.int(), z.minimum(1))),
    opensAt: Instant,
    closesAt: Instant,
    /**
     * Only when the compound's rules of procedure (议事规则) say that owners who received the
     * ballot and did not vote follow the majority: the article, quoted. The result then shows
     * the deemed tally beside the raw one, counting only owners with recorded proof of delivery.
     */
    followMajority: z.optional(z.object({ rule: text(10, 500, { min: 'quote the article of the rules of procedure' }) })),
  })
  .check(z.refine((b) => Date.parse(b.opensAt) < Date.parse(b.closesAt), { message: 'closesAt must be after opensAt', path: ['closesAt'] })));
export type BallotBody = z.infer<typeof BallotBody>;

export const Choices = pure(() => z.record(MatterId, Choice));

const Unit = pure(() => ({ building: keyName(1, 20), unit: keyName(1, 20) }));

/** One keying of one paper sheet; a second user keys it again and the two must agree. */
export const PaperEntryBody = pure(() => z.object({
  ...Unit,
  /** paper: the owner's own sheet; proxy: a sheet filled by the owner's recorded proxy. */
  channel: z._default(z.enum(['paper', 'proxy']), 'paper'),
  /** The number printed on the sheet, so the two keyings are of the same sheet. */
  sheetNo: name(1, 30),
  choices: Choices,
}));
export type PaperEntryBody = z.infer<typeof PaperEntryBody>;

/** A held mismatch is settled by discarding both keyings (with a reason); the sheet is keyed twice again. */
export const PaperDiscardBody = pure(() => z.object({ ...Unit, reason: text(4, 200) }));

export const ProxyBody = pure(() => z.object({
  ...Unit,
  proxyName: name(2, 40),
  /** The last six characters of the proxy's ID card: tells two proxies of the same name apart for the cap. */
  proxyIdTail: z.string().check(z.trim(), z.regex(/^[0-9]{5}[0-9Xx]$/, 'the last 6 characters of the ID card')),
  /** The written proxy's reference (委托书编号), kept with the ballot's papers. */
  documentRef: name(1, 40),
}));
export type ProxyBody = z.infer<typeof ProxyBody>;

export const DELIVERY_METHODS = ['in_person', 'mail', 'message', 'door'] as const;
/** Proof that an owner received the ballot (for a ballot whose rules deem non-voters to follow the majority). */
export const DeliveryBody = pure(() => z.object({
  ...Unit,
  /** in_person: signed for; mail: registered mail; message: SMS or WeChat with read receipt; door: left at the door, photographed. */
  method: z.enum(DELIVERY_METHODS),
  deliveredOn: z.iso.date(),
  /** Where the proof is kept: the signature sheet's page, the mail number, the photo's file name. */
  proofRef: name(2, 80),
}));
export type DeliveryBody = z.infer<typeof DeliveryBody>;

export const WithdrawBody = pure(() => z.object({ reason: text(4, 200, { min: 'say why, in at least 4 characters' }) }));

export const HEARING_STAGES = ['before', 'during', 'after'] as const;
/** 三会: hearing before (事前听证), coordination during (事中协调), review after (事后评议). */
export const HearingBody = pure(() => z.object({
  matterId: MatterId,
  stage: z.enum(HEARING_STAGES),
  date: z.iso.date(),
  attendance: z.number().check(z.int(), z.minimum(0), z.maximum(100_000)),
  minutes: text(10, 4000),
  outcome: text(2, 500),
}));
export type HearingBody = z.infer<typeof HearingBody>;

// The five gates (五关). Each gate's body is its record; posting it signs the gate off.
const Person = pure(() => ({ name: name(2, 40) }));
export const GateBodies = pure(() => ({
  /** 调研摸底: the register is ready (checked by the server) and how many owners were reached. */
  survey: z.object({ reachableOwners: z.number().check(z.int(), z.minimum(0)), notes: text(4, 2000) }),
  /** 筹备组建: the preparatory group, approved by the community. */
  preparatory: z.object({
    members: z.array(z.object({ ...Person, role: name(2, 30) })).check(z.minLength(3), z.maxLength(15)),
    approvalRef: name(2, 60),
  }),
  /** 候选人推荐: each candidate's details. */
  nominations: z.object({
    candidates: z.array(z.object({ id: MatterId, ...Person, ...Unit, bio: text(4, 500), nominatedBy: name(2, 60) }))
      .check(z.minLength(1), z.maxLength(40), z.refine((c) => new Set(c.map((x) => x.id)).size === c.length, 'candidate ids must be unique')),
  }),
  /** 审核: every candidate approved, or rejected with a reason. */
  review: z.object({
    decisions: z.array(z.object({ candidateId: MatterId, approved: z.boolean(), reason: z._default(text(0, 200), '') }))
      .check(
        z.minLength(1),
        z.refine((d) => d.every((x) => x.approved || x.reason.length >= 4), 'a rejection needs a reason of at least 4 characters'),
        // One decision per candidate: two (or an approval and a rejection) would leave the record ambiguous.
        z.refine((d) => new Set(d.map((x) => x.candidateId)).size === d.length, 'decide on each candidate once'),
      ),
  }),
  /** 选举组织: the election ballot. */
  organize: z.object({ title: name(4, 80), seats: z.number().check(z.int(), z.minimum(1), z.maximum(21)), opensAt: Instant, closesAt: Instant }),
}) as const);

export const ElectionBody = pure(() => z.object({ title: name(4, 80) }));
export const BulletinQuery = pure(() => z.object({ receipt: z.optional(z.string().check(z.trim(), z.maxLength(20))) }));
export const ExportQuery = pure(() => z.object({ file: z.enum(['register', 'matters', 'votes']) }));
