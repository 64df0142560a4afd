// Single-table keys (DESIGN.md). Each entity's key composition lives here and nowhere else.
// pk/sk are the physical keys; `et` names the entity on every item.

export const DISTRICT_PK = 'DISTRICT';

/** A ballot as its records are keyed: ids (lowercase letters, digits, -) never hold the separator. */
export interface BallotRef { compoundId: string; ballotId: string }
const ballotPk = (kind: string, b: BallotRef) => `${kind}#${b.compoundId}#${b.ballotId}`;
const BALLOT_RESULTS_PK = 'BALLOTRESULTS';
const BALLOT_NOTICES_PK = 'BALLOTNOTICES';
const COMMITTEES_PK = 'COMMITTEES';

export const keys = {
  street: (id: string) => ({ pk: DISTRICT_PK, sk: `STREET#${id}` }),
  community: (id: string) => ({ pk: DISTRICT_PK, sk: `COMMUNITY#${id}` }),
  compound: (id: string) => ({ pk: DISTRICT_PK, sk: `COMPOUND#${id}` }),
  grid: (id: string) => ({ pk: DISTRICT_PK, sk: `GRID#${id}` }),
  company: (id: string) => ({ pk: DISTRICT_PK, sk: `COMPANY#${id}` }),
  registerVersion: (compoundId: string, version: number) => ({
    pk: `COMPOUND#${compoundId}`,
    sk: `REGVER#${String(version).padStart(6, '0')}`,
  }),
  registerVersionPrefix: (compoundId: string) => ({ pk: `COMPOUND#${compoundId}`, skPrefix: 'REGVER#' }),
  /** Rows are staged under their content hash before the version that points at them exists. */
  registerRow: (compoundId: string, contentHash: string, building: string, unit: string) => ({
    pk: `REGROWS#${compoundId}#${contentHash}`,
    sk: `UNIT#${building}#${unit}`,
  }),
  registerRowsPk: (compoundId: string, contentHash: string) => `REGROWS#${compoundId}#${contentHash}`,
  /** A household code by its keyed hash (the code itself is never stored). */
  householdCode: (codeHash: string) => ({ pk: `CODE#${codeHash}`, sk: 'CODE' }),
  /** One live code per unit and purpose (a rating campaign or a ballot of the compound). */
  unitCode: (compoundId: string, purposeId: string, building: string, unit: string) => ({ pk: `CODES#${compoundId}#${purposeId}`, sk: `UNIT#${building}#${unit}` }),
  unitCodesPk: (compoundId: string, purposeId: string) => `CODES#${compoundId}#${purposeId}`,
  /** Held while one person issues a compound's codes for a purpose (outside the CODES# partition, which lists units). */
  codeIssueLock: (compoundId: string, purposeId: string) => ({ pk: `CODELOCK#${compoundId}#${purposeId}`, sk: 'LOCK' }),
  audit: (at: string, id: string) => ({ pk: `AUDIT#${at.slice(0, 7)}`, sk: `${at}#${id}` }),
  auditMonthPk: (month: string) => `AUDIT#${month}`,
  outbox: (eventId: string) => ({ pk: `OUTBOX#${eventId}`, sk: 'EVENT' }),
  // Ratings (issue 5). Templates and campaigns are few: one partition lists them.
  ratingTemplate: (id: string) => ({ pk: RATINGS_PK, sk: `TEMPLATE#${id}` }),
  campaign: (id: string) => ({ pk: RATINGS_PK, sk: `CAMPAIGN#${id}` }),
  /** A compound's place in a campaign: the contract items and company as of the campaign's setup. */
  campaignCompound: (campaignId: string, compoundId: string) => ({ pk: `CAMPAIGN#${campaignId}`, sk: `COMPOUND#${compoundId}` }),
  campaignCompoundsPk: (campaignId: string) => `CAMPAIGN#${campaignId}`,
  /** One household, one submission: the key is the uniqueness rule (DESIGN.md, data rules). */
  ratingSubmission: (campaignId: string, compoundId: string, building: string, unit: string) => ({ pk: `RATING#${campaignId}#${compoundId}`, sk: `UNIT#${building}#${unit}` }),
  ratingSubmissionsPk: (campaignId: string, compoundId: string) => `RATING#${campaignId}#${compoundId}`,
  /** A compound's live counters and the set of households they count (functions/ratings/live-store.ts). */
  liveFigures: (campaignId: string, compoundId: string) => ({ pk: `LIVEAGG#${campaignId}`, sk: `COMPOUND#${compoundId}` }),
  liveFiguresPk: (campaignId: string) => `LIVEAGG#${campaignId}`,
  /** Published notices are immutable versions; a correction is the next version. */
  notice: (campaignId: string, compoundId: string, version: number) => ({ pk: `NOTICE#${campaignId}#${compoundId}`, sk: `V#${String(version).padStart(6, '0')}` }),
  noticesPk: (campaignId: string, compoundId: string) => `NOTICE#${campaignId}#${compoundId}`,
  // Owner votes (issue 6). A compound's ballots, elections, results and committee share one partition.
  ballot: (compoundId: string, ballotId: string) => ({ pk: `BALLOTS#${compoundId}`, sk: `BALLOT#${ballotId}` }),
  ballotsPk: (compoundId: string) => `BALLOTS#${compoundId}`,
  /** The frozen result: written once, at close, never updated. */
  ballotResult: (compoundId: string, ballotId: string) => ({ pk: `BALLOTS#${compoundId}`, sk: `RESULT#${ballotId}` }),
  election: (compoundId: string, electionId: string) => ({ pk: `BALLOTS#${compoundId}`, sk: `ELECTION#${electionId}` }),
  committee: (compoundId: string) => ({ pk: `BALLOTS#${compoundId}`, sk: 'COMMITTEE' }),
  // A ballot's records: ballot ids are chosen per compound (and public), so every key under a
  // ballot names its compound too; no record of one compound's ballot is reachable through another.
  /** The ballot's roll: each unit of the pinned register version with its voting-owner id and area. */
  rollUnit: (b: BallotRef, building: string, unit: string) => ({ pk: ballotPk('ROLL', b), sk: `UNIT#${building}#${unit}` }),
  rollPk: (b: BallotRef) => ballotPk('ROLL', b),
  /** One vote per voting owner per ballot, whatever the channel: the key is the rule. */
  vote: (b: BallotRef, ownerId: string) => ({ pk: ballotPk('VOTE', b), sk: `OWNER#${ownerId}` }),
  votesPk: (b: BallotRef) => ballotPk('VOTE', b),
  voteConflict: (b: BallotRef, at: string, id: string) => ({ pk: ballotPk('VOTE', b), sk: `CONFLICT#${at}#${id}` }),
  /** A paper sheet keyed once and waiting for its second keying, or held after a mismatch. */
  paperSheet: (b: BallotRef, ownerId: string) => ({ pk: ballotPk('PAPER', b), sk: `OWNER#${ownerId}` }),
  paperPk: (b: BallotRef) => ballotPk('PAPER', b),
  proxy: (b: BallotRef, ownerId: string) => ({ pk: ballotPk('PROXY', b), sk: `OWNER#${ownerId}` }),
  proxyHolder: (b: BallotRef, holderKey: string) => ({ pk: ballotPk('PROXY', b), sk: `HOLDER#${holderKey}` }),
  proxiesPk: (b: BallotRef) => ballotPk('PROXY', b),
  delivery: (b: BallotRef, ownerId: string) => ({ pk: ballotPk('DELIVERY', b), sk: `OWNER#${ownerId}` }),
  deliveriesPk: (b: BallotRef) => ballotPk('DELIVERY', b),
  hearing: (b: BallotRef, matterId: string, stage: string, id: string) => ({ pk: ballotPk('HEARING', b), sk: `${matterId}#${stage}#${id}` }),
  hearingsPk: (b: BallotRef) => ballotPk('HEARING', b),
  /** The district's published results, newest first (few: one per counted ballot). */
  ballotResultIndex: (closedAt: string, compoundId: string, ballotId: string) => ({ pk: BALLOT_RESULTS_PK, sk: `${closedAt}#${compoundId}#${ballotId}` }),
  ballotResultIndexPk: BALLOT_RESULTS_PK,
  /** The district's announced ballots (表决公告), newest first: public from the moment of announcement. */
  ballotNoticeIndex: (announcedAt: string, compoundId: string, ballotId: string) => ({ pk: BALLOT_NOTICES_PK, sk: `${announcedAt}#${compoundId}#${ballotId}` }),
  ballotNoticeIndexPk: BALLOT_NOTICES_PK,
  /** One entry per compound with an owners' committee, for the formation rate. */
  committeeIndex: (compoundId: string) => ({ pk: COMMITTEES_PK, sk: compoundId }),
  committeeIndexPk: COMMITTEES_PK,
  // Appeals (issue 14). A case is its own partition: the record, the caller, the timeline.
  appealCase: (caseId: string) => ({ pk: `CASE#${caseId}`, sk: 'CASE' }),
  /** The caller's phone, apart from the case so that lists and the timeline never carry it. */
  appealCaller: (caseId: string) => ({ pk: `CASE#${caseId}`, sk: 'CALLER' }),
  appealStep: (caseId: string, rev: number) => ({ pk: `CASE#${caseId}`, sk: `EV#${String(rev).padStart(6, '0')}` }),
  appealCasePk: (caseId: string) => `CASE#${caseId}`,
  /** A 12345 work order by its number (the platform's; one platform per district table): which case, which revision. */
  workOrder: (orderNo: string) => ({ pk: `ORDER#${orderNo}`, sk: 'ORDER' }),
  /** A webhook nonce seen, kept past the timestamp window (TTL). */
  webhookNonce: (nonce: string) => ({ pk: `NONCE#${nonce}`, sk: 'NONCE' }),
  /** The district's category catalogue and routing table. */
  appealRouting: () => ({ pk: APPEALS_PK, sk: 'ROUTING' }),
  department: (id: string) => ({ pk: DISTRICT_PK, sk: `DEPARTMENT#${id}` }),
  // The case's places in the lists people work from, kept in the same transaction as the case
  // (functions/appeals/case-index.ts): no GSI, no scan.
  /** The hotline centre's queues: waiting for dispatch, extension asked, waiting for follow-up. */
  centreQueue: (queue: string, at: string, caseId: string) => ({ pk: `CENTRE#${queue}`, sk: `${at}#${caseId}` }),
  centreQueuePk: (queue: string) => `CENTRE#${queue}`,
  /** A unit's open cases by deadline. */
  unitCases: (unit: string, due: string, caseId: string) => ({ pk: `UNITCASES#${unit}`, sk: `${due}#${caseId}` }),
  unitCasesPk: (unit: string) => `UNITCASES#${unit}`,
  /** A moment a case's card changes (黄牌 at 80%, 红牌 at the deadline), bucketed by the hour (UTC) for the sweep. */
  sweepMark: (at: string, caseId: string, card: string) => ({ pk: `SWEEP#${at.slice(0, 13)}`, sk: `${at}#${caseId}#${card}` }),
  sweepPk: (hour: string) => `SWEEP#${hour}`,
  /** How far the sweep has read. */
  sweepCheckpoint: () => ({ pk: APPEALS_PK, sk: 'SWEEP' }),
  /** Cases by the Beijing month they were received, for reports and recounts. */
  caseMonth: (month: string, receivedAt: string, caseId: string) => ({ pk: `CASEMONTH#${month}`, sk: `${receivedAt}#${caseId}` }),
  caseMonthPk: (month: string) => `CASEMONTH#${month}`,
  /** What a case adds to the live figures now, with the revision it reflects. */
  caseLiveContribution: (caseId: string) => ({ pk: `CASE#${caseId}`, sk: 'LIVE' }),
  /** A month's live counters (one item per unit, street and category). */
  appealLivePk: (month: string) => `APPEALLIVE#${month}`,
  /** A resident's tracking code, by its keyed hash only. */
  appealTracking: (hash: string) => ({ pk: `TRACK#${hash}`, sk: 'TRACK' }),
  /** An Open311 API key, by its hash only. */
  open311Key: (hash: string) => ({ pk: `OPEN311KEY#${hash}`, sk: 'KEY' }),
  /** A unit's inbox of notices about its cases. */
  unitNoticesPk: (unit: string) => `UNITNOTES#${unit}`,
  /** A month's frozen 三率 report, one item per version. */
  appealReport: (month: string, version: number) => ({ pk: `APPEALREPORT#${month}`, sk: `V#${String(version).padStart(4, '0')}` }),
  appealReportPk: (month: string) => `APPEALREPORT#${month}`,
  /** The months with a frozen report, and each one's latest version. */
  appealReportHead: (month: string) => ({ pk: 'APPEALREPORTS', sk: `MONTH#${month}` }),
  appealReportHeadsPk: () => 'APPEALREPORTS',
  // Pairings and evaluations (issue 15). Leaders and pairings are few: the district partition holds them.
  leader: (id: string) => ({ pk: DISTRICT_PK, sk: `LEADER#${id}` }),
  /** A community's paired departments and leaders (one item, with its revision). */
  pairing: (communityId: string) => ({ pk: DISTRICT_PK, sk: `PAIRING#${communityId}` }),
  evalRound: (roundId: string) => ({ pk: EVAL_ROUNDS_PK, sk: `ROUND#${roundId}` }),
  evalRoundsPk: () => EVAL_ROUNDS_PK,
  /** Which round rates a half-year: one per half-year, held by a conditional write. */
  evalPeriod: (period: string) => ({ pk: EVAL_ROUNDS_PK, sk: `PERIOD#${period}` }),
  /** One evaluation per community and department in a round: the key is the rule. */
  evaluation: (roundId: string, communityId: string, departmentId: string) => ({ pk: `EVAL#${roundId}`, sk: `PAIR#${communityId}#${departmentId}` }),
  evaluationsPk: (roundId: string) => `EVAL#${roundId}`,
  /** A round's live counters per department, and the set of evaluations they count (functions/evaluations/live-store.ts). */
  evalLive: (roundId: string) => ({ pk: `EVALLIVE#${roundId}`, sk: 'LIVE' }),
  /** A round's published ranking, one immutable item per version. */
  evalPublication: (roundId: string, version: number) => ({ pk: `EVALPUB#${roundId}`, sk: `V#${String(version).padStart(4, '0')}` }),
  evalPublicationsPk: (roundId: string) => `EVALPUB#${roundId}`,
  /** The comments a department was given in a version, apart from the ranking so that no list of results carries them. */
  evalComments: (roundId: string, departmentId: string, version: number) => ({ pk: `EVALNOTES#${roundId}#${departmentId}`, sk: `V#${String(version).padStart(4, '0')}` }),
  evalCommentsPk: (roundId: string, departmentId: string) => `EVALNOTES#${roundId}#${departmentId}`,
  // The quarterly assessment of communities (issue 15).
  /** A community's class for a year, when it differs from the registry's (with its reason). */
  assessClass: (year: string, communityId: string) => ({ pk: `ASSESSCLASS#${year}`, sk: `COMMUNITY#${communityId}` }),
  assessClassesPk: (year: string) => `ASSESSCLASS#${year}`,
  /** The organisation department's entries for a community's manual indicators in a quarter. */
  assessEntry: (quarter: string, communityId: string) => ({ pk: `ASSESSENTRY#${quarter}`, sk: `COMMUNITY#${communityId}` }),
  assessEntriesPk: (quarter: string) => `ASSESSENTRY#${quarter}`,
  /** One cross review per reviewing community per quarter: the key is the rule. */
  crossReview: (quarter: string, fromCommunityId: string) => ({ pk: `XREVIEW#${quarter}`, sk: `FROM#${fromCommunityId}` }),
  crossReviewsPk: (quarter: string) => `XREVIEW#${quarter}`,
  /** A quarter's frozen table, one immutable item per version. */
  assessResult: (quarter: string, version: number) => ({ pk: `ASSESSRESULT#${quarter}`, sk: `V#${String(version).padStart(4, '0')}` }),
  assessResultsPk: (quarter: string) => `ASSESSRESULT#${quarter}`,
  /** The frozen quarters and each one's latest version. */
  assessHead: (quarter: string) => ({ pk: 'ASSESSHEADS', sk: `Q#${quarter}` }),
  assessHeadsPk: () => 'ASSESSHEADS',
  assessTask: (taskId: string) => ({ pk: 'ASSESSTASKS', sk: `TASK#${taskId}` }),
  assessTasksPk: () => 'ASSESSTASKS',
  // Joint projects and red shock teams (issue 15). A project belongs to its community.
  project: (communityId: string, projectId: string) => ({ pk: `PROJECTS#${communityId}`, sk: `P#${projectId}` }),
  /** Every project's summary, for the lists (kept in the project's own transaction). */
  projectIndex: (communityId: string, projectId: string) => ({ pk: 'PROJECTINDEX', sk: `${communityId}#${projectId}` }),
  projectIndexPk: () => 'PROJECTINDEX',
  /** A department may field several teams. */
  team: (departmentId: string, teamId: string) => ({ pk: `TEAMS#${departmentId}`, sk: `T#${teamId}` }),
  teamsIndexPk: () => 'TEAMINDEX',
  teamIndex: (departmentId: string, teamId: string) => ({ pk: 'TEAMINDEX', sk: `${departmentId}#${teamId}` }),
  /** A call-out belongs to the community that made it. */
  callout: (communityId: string, calloutId: string) => ({ pk: `CALLOUTS#${communityId}`, sk: `C#${calloutId}` }),
  calloutIndex: (at: string, communityId: string, calloutId: string) => ({ pk: 'CALLOUTINDEX', sk: `${at}#${communityId}#${calloutId}` }),
  calloutIndexPk: () => 'CALLOUTINDEX',
  // Leader liaison (issue 15): a community's visits and escalations, and a month index for the counts.
  liaisonVisit: (communityId: string, date: string, id: string) => ({ pk: `LIAISON#${communityId}`, sk: `V#${date}#${id}` }),
  liaisonEscalation: (communityId: string, id: string) => ({ pk: `LIAISON#${communityId}`, sk: `E#${id}` }),
  liaisonPk: (communityId: string) => `LIAISON#${communityId}`,
  /** One entry per visit or escalation in the Beijing month it happened, for the counts per leader. */
  liaisonMonth: (month: string, leaderId: string, what: string, id: string) => ({ pk: `LIAISONMONTH#${month}`, sk: `${leaderId}#${what}#${id}` }),
  liaisonMonthPk: (month: string) => `LIAISONMONTH#${month}`,
  // The year-end selection (issue 15): the year's item, its nominations, one score per member per nomination, the frozen result.
  selection: (year: string) => ({ pk: `SELECTION#${year}`, sk: 'SELECTION' }),
  nomination: (year: string, id: string) => ({ pk: `SELECTION#${year}`, sk: `N#${id}` }),
  /** What a nomination is of (a project, a community's wish by its title): nominated once a year. */
  nominated: (year: string, what: string) => ({ pk: `SELECTION#${year}`, sk: `W#${what}` }),
  selectionScore: (year: string, nominationId: string, memberId: string) => ({ pk: `SELECTION#${year}`, sk: `S#${nominationId}#${memberId}` }),
  selectionResult: (year: string) => ({ pk: `SELECTION#${year}`, sk: 'RESULT' }),
  selectionPk: (year: string) => `SELECTION#${year}`,
} as const;

const APPEALS_PK = 'APPEALS';
const EVAL_ROUNDS_PK = 'EVALROUNDS';

export const RATINGS_PK = 'RATINGS';

export const OUTBOX_PREFIX = 'OUTBOX#';
