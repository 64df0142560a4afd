// Every HTTP route, one export each: a handler imports this module as a namespace
// (`import * as routes from '../routes.ts'`) and names its own route, so that esbuild keeps in
// its bundle only that route and the schemas it uses (the schema modules build each schema
// through a side-effect-free helper). A bundle that held every route would build every
// schema at each cold start (test/bench P2). The manifest (manifest.ts) gathers them.
import * as z from 'zod/mini';
import type { RouteDef, Schema } from './manifest.ts';
import { STAFF_ROLES } from '../shared/access.ts';
import { AuditQuery, BuildingBody, CompanyBody, CompanyParams, CompoundBody, CompoundParams, RegisterExportQuery, RegisterImportBody } from '../shared/registry/schemas.ts';
import { CampaignBody, CampaignCompoundParams, CampaignParams, ExcludeBody, NoticeQuery, OpenDataQuery, PublishBody, TemplateBody, TemplateParams } from '../shared/ratings/schemas.ts';
import { RatingSubmissionBody } from '../shared/ratings/submission.ts';
import { BallotBody, BallotParams, BulletinQuery, DeliveryBody, WithdrawBody, ElectionBody, ElectionParams, ExportQuery, GateParams, HearingBody, PaperDiscardBody, PaperEntryBody, ProxyBody } from '../shared/votes/schemas.ts';
import { BallotSubmissionBody } from '../shared/votes/submission.ts';
import { CaseParams, CentreQuery, FreezeReportBody, PhotoUploadBody, MonthQuery, PeriodParams, ReportQuery, CompoundParams as AppealCompoundParams, DepartmentBody, DepartmentParams, Open311FileParams, Open311KeyBody, Open311Query, Open311ResourceParams, ResidentAppealBody, RoutingBody, StaffReportBody, StepRequest, TrackBody, WorkOrder } from '../shared/appeals/schemas.ts';
import { CommunityParams, DepartmentParams as EvalDepartmentParams, EvaluationBody, ExclusionBody, LeaderBody, LeaderParams, PairingBody, PairParams, PublishRoundBody, RankingQuery, RoundBody, RoundParams } from '../shared/evaluations/schemas.ts';
import { ClassBody, CommunityParams as AssessCommunityParams, EntryBody, FreezeQuarterBody, QuarterCommunityParams, QuarterParams, ResultsQuery, ReviewBody, TaskBody, TaskParams, TaskStateBody, YearCommunityParams, YearQuery } from '../shared/assessment/schemas.ts';
import { AckBody, AttendanceBody, CalloutBody, CalloutParams, EvidenceBody, MilestoneParams, PlanBody, ProjectBody, ProjectCommunityParams, ProjectParams, ProjectsQuery, ProjectStateBody, TeamBody, TeamParams } from '../shared/projects/schemas.ts';
import { EscalationBody, EscalationParams, LiaisonCommunityParams, LiaisonMonthQuery, OutcomeBody, VisitBody } from '../shared/liaison/schemas.ts';
import { NominationBody, NominationParams, ScoreBody, SelectionBody, SelectionParams } from '../shared/selection/schemas.ts';
import { StaffPhotoUploadBody } from '../shared/photos.ts';
import { CodeStatusQuery, ExchangeCodeBody, IssueCodesBody, RevokeCodeBody } from '../shared/auth-schemas.ts';

// Side-effect free (for esbuild, which honours the mark within this file): an unused route
// and what it names are left out of a bundle. Sizes are plain literals, since esbuild keeps
// a route whose fields hold arithmetic such as 8 * 1024.
const route = /* @__NO_SIDE_EFFECTS__ */ <P extends Schema, Q extends Schema, B extends Schema>(r: RouteDef<P, Q, B>) => r;
const pure = /* @__NO_SIDE_EFFECTS__ */ <T>(build: () => T): T => build();

const staff = ['district_admin', 'street_staff', 'community_staff'] as const;
const compoundReaders = [...staff, 'committee'] as const;

/** Each gate has its own record schema (shared/votes/schemas.ts GateBodies), checked once the gate is known. */
const GateRecord = pure(() => z.record(z.string(), z.unknown()));

export const staffMe = route({
  method: 'GET',
  path: '/api/staff/me',
  handler: 'staff/me',
  access: { roles: STAFF_ROLES, scope: 'own' },
});

export const publicDistrict = route({
  method: 'GET',
  path: '/api/public/district',
  handler: 'registry/public-district',
  access: { public: true },
});

export const registryTree = route({
  method: 'GET',
  path: '/api/registry/tree',
  handler: 'registry/get-tree',
  access: { roles: compoundReaders, scope: 'own' },
});

export const compoundGet = route({
  method: 'GET',
  path: '/api/registry/compounds/{compoundId}',
  handler: 'registry/get-compound',
  params: CompoundParams,
  access: { roles: compoundReaders, scope: 'compound' },
});

export const compoundPut = route({
  method: 'PUT',
  path: '/api/registry/compounds/{compoundId}',
  handler: 'registry/put-compound',
  params: CompoundParams,
  body: CompoundBody,
  access: { roles: staff, scope: 'compound' },
  writes: true,
});

export const compoundBuildingAdd = route({
  method: 'POST',
  path: '/api/registry/compounds/{compoundId}/buildings',
  handler: 'registry/add-building',
  params: CompoundParams,
  body: BuildingBody,
  access: { roles: staff, scope: 'compound' },
  writes: true,
});

export const companyPut = route({
  method: 'PUT',
  path: '/api/registry/companies/{companyId}',
  handler: 'registry/put-company',
  params: CompanyParams,
  body: CompanyBody,
  access: { roles: ['district_admin'], scope: 'own' },
  writes: true,
});

export const registerImport = route({
  method: 'POST',
  path: '/api/registry/compounds/{compoundId}/register/imports',
  handler: 'registry/import-register',
  params: CompoundParams,
  body: RegisterImportBody,
  maxBodyBytes: 4_300_000,
  access: { roles: staff, scope: 'compound' },
  writes: true,
  timeoutSeconds: 60,
  memoryMb: 1024,
});

export const registerVersions = route({
  method: 'GET',
  path: '/api/registry/compounds/{compoundId}/register/versions',
  handler: 'registry/list-register-versions',
  params: CompoundParams,
  access: { roles: compoundReaders, scope: 'compound' },
});

export const registerExport = route({
  method: 'GET',
  path: '/api/registry/compounds/{compoundId}/register/export',
  handler: 'registry/export-register',
  params: CompoundParams,
  query: RegisterExportQuery,
  access: { roles: staff, scope: 'compound' },
  timeoutSeconds: 30,
});

export const codesIssue = route({
  method: 'POST',
  path: '/api/registry/compounds/{compoundId}/codes',
  handler: 'auth/issue-codes',
  params: CompoundParams,
  body: IssueCodesBody,
  // A committee issues codes for its own compound's ballots only (codes-store checks the kind).
  access: { roles: compoundReaders, scope: 'compound' },
  writes: true,
  timeoutSeconds: 60,
  keys: true,
});

export const codeRevoke = route({
  method: 'POST',
  path: '/api/registry/compounds/{compoundId}/codes/revoke',
  handler: 'auth/revoke-code',
  params: CompoundParams,
  body: RevokeCodeBody,
  access: { roles: compoundReaders, scope: 'compound' },
  writes: true,
  keys: true,
});

export const codeStatus = route({
  method: 'GET',
  path: '/api/registry/compounds/{compoundId}/codes',
  handler: 'auth/code-status',
  params: CompoundParams,
  query: CodeStatusQuery,
  access: { roles: compoundReaders, scope: 'compound' },
});

export const codeExchange = route({
  method: 'POST',
  path: '/api/auth/household',
  handler: 'auth/exchange-code',
  body: ExchangeCodeBody,
  maxBodyBytes: 1024,
  access: { public: true },
  writes: true,
  keys: true,
});

export const residentDiscovery = route({
  method: 'GET',
  path: '/api/auth/resident/.well-known/openid-configuration',
  handler: 'auth/openid-configuration',
  access: { public: true },
});

export const residentJwks = route({
  method: 'GET',
  path: '/api/auth/resident/.well-known/jwks.json',
  handler: 'auth/jwks',
  access: { public: true },
  keys: true,
});

export const residentMe = route({
  method: 'GET',
  path: '/api/resident/me',
  handler: 'resident/me',
  access: { residents: ['rating', 'ballot'] },
});

// Ratings and their publication (issue 5).
export const ratingTemplates = route({
  method: 'GET',
  path: '/api/ratings/templates',
  handler: 'ratings/list-templates',
  access: { roles: staff, scope: 'own' },
});

export const ratingTemplatePut = route({
  method: 'PUT',
  path: '/api/ratings/templates/{templateId}',
  handler: 'ratings/put-template',
  params: TemplateParams,
  body: TemplateBody,
  access: { roles: ['district_admin'], scope: 'own' },
  writes: true,
});

export const campaignsList = route({
  method: 'GET',
  path: '/api/ratings/campaigns',
  handler: 'ratings/list-campaigns',
  access: { roles: compoundReaders, scope: 'own' },
});

export const campaignPut = route({
  method: 'PUT',
  path: '/api/ratings/campaigns/{campaignId}',
  handler: 'ratings/put-campaign',
  params: CampaignParams,
  body: CampaignBody,
  access: { roles: staff, scope: 'campaign' },
  writes: true,
  timeoutSeconds: 30,
});

export const campaignGet = route({
  method: 'GET',
  path: '/api/ratings/campaigns/{campaignId}',
  handler: 'ratings/get-campaign',
  params: CampaignParams,
  access: { roles: compoundReaders, scope: 'campaign' },
});

export const campaignClose = route({
  method: 'POST',
  path: '/api/ratings/campaigns/{campaignId}/close',
  handler: 'ratings/close-campaign',
  params: CampaignParams,
  access: { roles: staff, scope: 'campaign' },
  writes: true,
});

export const ratingReview = route({
  method: 'GET',
  path: '/api/ratings/campaigns/{campaignId}/compounds/{compoundId}',
  handler: 'ratings/get-review',
  params: CampaignCompoundParams,
  access: { roles: staff, scope: 'compound' },
  timeoutSeconds: 30,
});

export const ratingExclude = route({
  method: 'POST',
  path: '/api/ratings/campaigns/{campaignId}/compounds/{compoundId}/exclusions',
  handler: 'ratings/exclude-submission',
  params: CampaignCompoundParams,
  body: ExcludeBody,
  access: { roles: staff, scope: 'compound' },
  writes: true,
});

export const noticePublish = route({
  method: 'POST',
  path: '/api/ratings/campaigns/{campaignId}/compounds/{compoundId}/notices',
  handler: 'ratings/publish-notice',
  params: CampaignCompoundParams,
  body: PublishBody,
  access: { roles: staff, scope: 'compound' },
  writes: true,
  timeoutSeconds: 30,
  memoryMb: 1024,
});

export const publicRatings = route({
  method: 'GET',
  path: '/api/public/ratings',
  handler: 'ratings/public-campaigns',
  access: { public: true },
});

export const publicCampaign = route({
  method: 'GET',
  path: '/api/public/ratings/{campaignId}',
  handler: 'ratings/public-campaign',
  params: CampaignParams,
  access: { public: true },
});

export const publicNotice = route({
  method: 'GET',
  path: '/api/public/ratings/{campaignId}/compounds/{compoundId}',
  handler: 'ratings/public-notice',
  params: CampaignCompoundParams,
  query: NoticeQuery,
  access: { public: true },
});

export const publicOpenData = route({
  method: 'GET',
  path: '/api/public/ratings/{campaignId}/open-data',
  handler: 'ratings/open-data',
  params: CampaignParams,
  query: OpenDataQuery,
  access: { public: true },
  timeoutSeconds: 30,
});

export const residentRatingForm = route({
  method: 'GET',
  path: '/api/resident/rating',
  handler: 'resident/rating-form',
  access: { residents: ['rating'] },
});

export const residentRatingSubmit = route({
  method: 'PUT',
  path: '/api/resident/rating',
  handler: 'resident/submit-rating',
  body: RatingSubmissionBody,
  maxBodyBytes: 8_192, // 8 KiB
  access: { residents: ['rating'] },
});

// Owner votes, elections and committees (issue 6).
export const ballotsList = route({
  method: 'GET',
  path: '/api/votes/compounds/{compoundId}/ballots',
  handler: 'votes/list-ballots',
  params: CompoundParams,
  access: { roles: compoundReaders, scope: 'compound' },
});

export const ballotAnnounce = route({
  method: 'PUT',
  path: '/api/votes/compounds/{compoundId}/ballots/{ballotId}',
  handler: 'votes/announce-ballot',
  params: BallotParams,
  body: BallotBody,
  maxBodyBytes: 131_072, // 128 KiB
  access: { roles: compoundReaders, scope: 'compound' },
  writes: true,
  timeoutSeconds: 30,
});

export const ballotBoard = route({
  method: 'GET',
  path: '/api/votes/compounds/{compoundId}/ballots/{ballotId}',
  handler: 'votes/get-ballot',
  params: BallotParams,
  access: { roles: compoundReaders, scope: 'compound' },
  timeoutSeconds: 30,
});

export const ballotWithdraw = route({
  method: 'POST',
  path: '/api/votes/compounds/{compoundId}/ballots/{ballotId}/withdraw',
  handler: 'votes/withdraw-ballot',
  params: BallotParams,
  body: WithdrawBody,
  access: { roles: compoundReaders, scope: 'compound' },
  writes: true,
});

export const paperKey = route({
  method: 'POST',
  path: '/api/votes/compounds/{compoundId}/ballots/{ballotId}/paper',
  handler: 'votes/key-paper',
  params: BallotParams,
  body: PaperEntryBody,
  access: { roles: compoundReaders, scope: 'compound' },
  writes: true,
});

export const paperDiscard = route({
  method: 'POST',
  path: '/api/votes/compounds/{compoundId}/ballots/{ballotId}/paper/discard',
  handler: 'votes/discard-paper',
  params: BallotParams,
  body: PaperDiscardBody,
  access: { roles: compoundReaders, scope: 'compound' },
  writes: true,
});

export const proxyRecord = route({
  method: 'POST',
  path: '/api/votes/compounds/{compoundId}/ballots/{ballotId}/proxies',
  handler: 'votes/record-proxy',
  params: BallotParams,
  body: ProxyBody,
  access: { roles: compoundReaders, scope: 'compound' },
  writes: true,
});

export const deliveryRecord = route({
  method: 'POST',
  path: '/api/votes/compounds/{compoundId}/ballots/{ballotId}/deliveries',
  handler: 'votes/record-delivery',
  params: BallotParams,
  body: DeliveryBody,
  access: { roles: compoundReaders, scope: 'compound' },
  writes: true,
});

export const hearingAdd = route({
  method: 'POST',
  path: '/api/votes/compounds/{compoundId}/ballots/{ballotId}/hearings',
  handler: 'votes/add-hearing',
  params: BallotParams,
  body: HearingBody,
  access: { roles: compoundReaders, scope: 'compound' },
  writes: true,
});

export const ballotClose = route({
  method: 'POST',
  path: '/api/votes/compounds/{compoundId}/ballots/{ballotId}/close',
  handler: 'votes/close-ballot',
  params: BallotParams,
  access: { roles: compoundReaders, scope: 'compound' },
  writes: true,
  timeoutSeconds: 30,
  memoryMb: 1024,
});

export const ballotExport = route({
  method: 'GET',
  path: '/api/votes/compounds/{compoundId}/ballots/{ballotId}/export',
  handler: 'votes/export-ballot',
  params: BallotParams,
  query: ExportQuery,
  // Staff only: the register file ties units to the owner ids the votes file lists, and the
  // committee are neighbours; they see the result and the receipt bulletin like every owner.
  access: { roles: staff, scope: 'compound' },
  timeoutSeconds: 30,
});

export const electionStart = route({
  method: 'PUT',
  path: '/api/votes/compounds/{compoundId}/elections/{electionId}',
  handler: 'votes/start-election',
  params: ElectionParams,
  body: ElectionBody,
  access: { roles: compoundReaders, scope: 'compound' },
  writes: true,
});

export const electionGate = route({
  method: 'POST',
  path: '/api/votes/compounds/{compoundId}/elections/{electionId}/gates/{gate}',
  handler: 'votes/sign-gate',
  params: GateParams,
  body: GateRecord,
  maxBodyBytes: 65_536, // 64 KiB
  access: { roles: compoundReaders, scope: 'compound' },
  writes: true,
  timeoutSeconds: 30,
});

export const committeeForm = route({
  method: 'POST',
  path: '/api/votes/compounds/{compoundId}/elections/{electionId}/committee',
  handler: 'votes/form-committee',
  params: ElectionParams,
  access: { roles: compoundReaders, scope: 'compound' },
  writes: true,
});

export const committeesDashboard = route({
  method: 'GET',
  path: '/api/votes/committees',
  handler: 'votes/committees-dashboard',
  access: { roles: staff, scope: 'own' },
});

export const residentBallotForm = route({
  method: 'GET',
  path: '/api/resident/ballot',
  handler: 'resident/ballot-form',
  access: { residents: ['ballot'] },
});

export const residentBallotSubmit = route({
  method: 'PUT',
  path: '/api/resident/ballot',
  handler: 'resident/submit-ballot',
  body: BallotSubmissionBody,
  maxBodyBytes: 8_192, // 8 KiB
  access: { residents: ['ballot'] },
});

export const publicBallots = route({
  method: 'GET',
  path: '/api/public/ballots',
  handler: 'votes/public-ballots',
  access: { public: true },
});

export const publicBallotResult = route({
  method: 'GET',
  path: '/api/public/ballots/{compoundId}/{ballotId}',
  handler: 'votes/public-result',
  params: BallotParams,
  access: { public: true },
});

export const publicAnnouncement = route({
  method: 'GET',
  path: '/api/public/ballots/{compoundId}/{ballotId}/announcement',
  handler: 'votes/public-announcement',
  params: BallotParams,
  access: { public: true },
});

export const publicBulletin = route({
  method: 'GET',
  path: '/api/public/ballots/{compoundId}/{ballotId}/bulletin',
  handler: 'votes/public-bulletin',
  params: BallotParams,
  query: BulletinQuery,
  access: { public: true },
  timeoutSeconds: 30,
});

export const auditList = route({
  method: 'GET',
  path: '/api/audit',
  handler: 'audit/list-audit',
  query: AuditQuery,
  access: { roles: ['district_admin'], scope: 'own' },
});

// Appeals (issue 14).
const caseRoles = ['district_admin', 'dispatcher', 'street_staff', 'community_staff', 'department'] as const;

/** The 12345 platform pushes work orders here, signed (functions/appeals/signature.ts); no token. */
export const workOrderWebhook = route({
  method: 'POST',
  path: '/api/appeals/12345/work-orders',
  handler: 'appeals/work-order-webhook',
  body: WorkOrder,
  rawBody: true,
  maxBodyBytes: 32_768,
  access: { public: true },
  keys: true,
});

export const webhookKeyRotate = route({
  method: 'POST',
  path: '/api/appeals/12345/key',
  handler: 'appeals/rotate-webhook-key',
  access: { roles: ['district_admin'], scope: 'own' },
  writes: true,
  keys: true,
});

export const appealRoutingGet = route({
  method: 'GET',
  path: '/api/appeals/routing',
  handler: 'appeals/get-routing',
  access: { roles: caseRoles, scope: 'own' },
});

export const appealRoutingPut = route({
  method: 'PUT',
  path: '/api/appeals/routing',
  handler: 'appeals/put-routing',
  body: RoutingBody,
  maxBodyBytes: 262_144,
  access: { roles: ['district_admin'], scope: 'own' },
  writes: true,
});

export const departmentPut = route({
  method: 'PUT',
  path: '/api/registry/departments/{departmentId}',
  handler: 'appeals/put-department',
  params: DepartmentParams,
  body: DepartmentBody,
  access: { roles: ['district_admin'], scope: 'own' },
  writes: true,
});

export const centreQueue = route({
  method: 'GET',
  path: '/api/appeals/centre',
  handler: 'appeals/centre-queue',
  query: CentreQuery,
  // The district admin reads the queues too (oversight); only the centre acts on them.
  access: { roles: ['dispatcher', 'district_admin'], scope: 'own' },
});

export const unitWorkList = route({
  method: 'GET',
  path: '/api/appeals/work',
  handler: 'appeals/work-list',
  access: { roles: ['street_staff', 'community_staff', 'department'], scope: 'own' },
});

export const caseGet = route({
  method: 'GET',
  path: '/api/appeals/cases/{caseId}',
  handler: 'appeals/get-case',
  params: CaseParams,
  access: { roles: caseRoles, scope: 'case' },
  photos: { use: 'view', shelf: 'cases' },
});

export const caseStep = route({
  method: 'POST',
  path: '/api/appeals/cases/{caseId}/steps',
  handler: 'appeals/take-step',
  params: CaseParams,
  body: StepRequest,
  access: { roles: caseRoles, scope: 'case' },
  writes: true,
});

/** The API description (OpenAPI 3.1), generated from this manifest. */
export const openApi = route({
  method: 'GET',
  path: '/api/openapi.json',
  handler: 'openapi/get-openapi',
  access: { public: true },
});

/** A compound's problem reported by its community (to the street) or by either (to the district). */
export const staffReport = route({
  method: 'POST',
  path: '/api/appeals/compounds/{compoundId}/reports',
  handler: 'appeals/report',
  params: AppealCompoundParams,
  body: StaffReportBody,
  access: { roles: ['community_staff', 'street_staff'], scope: 'compound' },
  writes: true,
});

// Open311 GeoReport v2 (functions/open311/README.md): its own paths, formats and error shape.
export const open311Get = route({
  method: 'GET',
  path: '/open311/v2/{resource}',
  handler: 'open311/get-resource',
  params: Open311ResourceParams,
  query: Open311Query,
  access: { public: true },
});

export const open311Post = route({
  method: 'POST',
  path: '/open311/v2/{resource}',
  handler: 'open311/post-request',
  params: Open311ResourceParams,
  query: Open311Query,
  body: Open311Query,
  rawBody: true,
  maxBodyBytes: 16_384,
  access: { public: true },
});

export const open311Service = route({
  method: 'GET',
  path: '/open311/v2/services/{file}',
  handler: 'open311/get-service',
  params: Open311FileParams,
  access: { public: true },
});

export const open311Request = route({
  method: 'GET',
  path: '/open311/v2/requests/{file}',
  handler: 'open311/get-request',
  params: Open311FileParams,
  access: { public: true },
});

export const open311Token = route({
  method: 'GET',
  path: '/open311/v2/tokens/{file}',
  handler: 'open311/get-token',
  params: Open311FileParams,
  access: { public: true },
});

export const open311KeyIssue = route({
  method: 'POST',
  path: '/api/appeals/open311/keys',
  handler: 'open311/issue-key',
  body: Open311KeyBody,
  access: { roles: ['district_admin'], scope: 'own' },
  writes: true,
});

/** What the appeal page offers: the catalogue residents choose a category from, and the compounds. */
export const publicAppealChoices = route({
  method: 'GET',
  path: '/api/public/appeals/choices',
  handler: 'appeals/public-choices',
  access: { public: true },
});

/** A resident files an appeal from the phone page (no account); answered with a tracking code. */
export const residentAppeal = route({
  method: 'POST',
  path: '/api/public/appeals',
  handler: 'appeals/file-appeal',
  body: ResidentAppealBody,
  maxBodyBytes: 16_384,
  access: { public: true },
  keys: true,
  photos: { use: 'keep', shelf: 'cases' },
});

/** Upload forms for an appeal's photos (presigned POST to the photo bucket), before the appeal is sent. */
export const appealPhotoUploads = route({
  method: 'POST',
  path: '/api/public/appeals/photos',
  handler: 'appeals/photo-uploads',
  body: PhotoUploadBody,
  maxBodyBytes: 1_024,
  access: { public: true },
  keys: true,
  photos: { use: 'upload' },
});

/** Where an appeal is, by its tracking code (in the body, so no log or history keeps it). */
export const trackAppeal = route({
  method: 'POST',
  path: '/api/public/appeals/track',
  handler: 'appeals/track-appeal',
  body: TrackBody,
  access: { public: true },
  keys: true,
});

// 三率: the live dashboard, and the monthly reports frozen from the cases (shared/appeals/monthly-report.ts).
export const appealDashboard = route({
  method: 'GET',
  path: '/api/appeals/dashboard',
  handler: 'appeals/get-dashboard',
  query: MonthQuery,
  access: { roles: caseRoles, scope: 'own' },
});

export const appealReportList = route({
  method: 'GET',
  path: '/api/appeals/monthly',
  handler: 'appeals/list-reports',
  access: { roles: caseRoles, scope: 'own' },
});

/** A month (a version of it), a quarter or a half-year; JSON or CSV. */
export const appealReportGet = route({
  method: 'GET',
  path: '/api/appeals/monthly/{period}',
  handler: 'appeals/get-report',
  params: PeriodParams,
  query: ReportQuery,
  access: { roles: caseRoles, scope: 'own' },
  timeoutSeconds: 30,
});

/** Freezes a month once it is over, or corrects it with a reason (the next version). */
export const appealReportFreeze = route({
  method: 'POST',
  path: '/api/appeals/monthly/{period}',
  handler: 'appeals/freeze-report',
  params: PeriodParams,
  body: FreezeReportBody,
  access: { roles: ['district_admin', 'dispatcher'], scope: 'own' },
  writes: true,
  // A month of the district's traffic (about 16,000 cases) is read from its index.
  timeoutSeconds: 60,
  memoryMb: 1024,
});

/** The public page's figures: rates per street and counts by category from the frozen months; no case, no unit ranking. */
export const publicAppealFigures = route({
  method: 'GET',
  path: '/api/public/appeals/figures',
  handler: 'appeals/public-figures',
  query: MonthQuery,
  access: { public: true },
});

// Pairings and the half-yearly evaluation of departments by communities (issue 15). The district
// admin stands for the organisation department (组织部) here.
const evaluationReaders = ['district_admin', 'street_staff', 'community_staff', 'department'] as const;

/** Departments, leaders, communities (with their class) and who is paired with whom. */
export const pairingsGet = route({
  method: 'GET',
  path: '/api/pairings',
  handler: 'pairings/get-pairings',
  access: { roles: evaluationReaders, scope: 'own' },
});

export const leaderPut = route({
  method: 'PUT',
  path: '/api/pairings/leaders/{leaderId}',
  handler: 'pairings/put-leader',
  params: LeaderParams,
  body: LeaderBody,
  access: { roles: ['district_admin'], scope: 'own' },
  writes: true,
});

export const pairingPut = route({
  method: 'PUT',
  path: '/api/pairings/communities/{communityId}',
  handler: 'pairings/put-pairing',
  params: CommunityParams,
  body: PairingBody,
  access: { roles: ['district_admin'], scope: 'community' },
  writes: true,
});

export const evaluationRounds = route({
  method: 'GET',
  path: '/api/evaluations/rounds',
  handler: 'evaluations/list-rounds',
  access: { roles: evaluationReaders, scope: 'own' },
});

/** Sets a round up (or changes it before it opens): the pairs in force now are the ones rated. */
export const evaluationRoundPut = route({
  method: 'PUT',
  path: '/api/evaluations/rounds/{roundId}',
  handler: 'evaluations/put-round',
  params: RoundParams,
  body: RoundBody,
  access: { roles: ['district_admin'], scope: 'own' },
  writes: true,
});

/** The organisation department's review: progress per community, live figures, and the ranking the records give now. */
export const evaluationRoundGet = route({
  method: 'GET',
  path: '/api/evaluations/rounds/{roundId}',
  handler: 'evaluations/get-round',
  params: RoundParams,
  access: { roles: ['district_admin'], scope: 'own' },
});

export const evaluationRoundClose = route({
  method: 'POST',
  path: '/api/evaluations/rounds/{roundId}/close',
  handler: 'evaluations/close-round',
  params: RoundParams,
  access: { roles: ['district_admin'], scope: 'own' },
  writes: true,
});

/** A community's form: its rounds, each paired department and what it already sent. */
export const evaluationForm = route({
  method: 'GET',
  path: '/api/evaluations/form',
  handler: 'evaluations/get-form',
  access: { roles: ['community_staff'], scope: 'own' },
});

/** A community rates one paired department, once per round. */
export const evaluationSubmit = route({
  method: 'POST',
  path: '/api/evaluations/rounds/{roundId}/evaluations',
  handler: 'evaluations/submit-evaluation',
  params: RoundParams,
  body: EvaluationBody,
  access: { roles: ['community_staff'], scope: 'own' },
  writes: true,
});

export const evaluationExclude = route({
  method: 'POST',
  path: '/api/evaluations/rounds/{roundId}/evaluations/{communityId}/{departmentId}/exclusion',
  handler: 'evaluations/exclude-evaluation',
  params: PairParams,
  body: ExclusionBody,
  access: { roles: ['district_admin'], scope: 'own' },
  writes: true,
});

/** Publishes the ranking once the round is closed, or corrects it with a reason (the next version). */
export const evaluationPublish = route({
  method: 'POST',
  path: '/api/evaluations/rounds/{roundId}/publications',
  handler: 'evaluations/publish-round',
  params: RoundParams,
  body: PublishRoundBody,
  access: { roles: ['district_admin'], scope: 'own' },
  writes: true,
  timeoutSeconds: 30,
});

/** The published ranking (a version of it), JSON or CSV; the comments are the departments' own. */
export const evaluationRanking = route({
  method: 'GET',
  path: '/api/evaluations/rounds/{roundId}/ranking',
  handler: 'evaluations/get-ranking',
  params: RoundParams,
  query: RankingQuery,
  access: { roles: evaluationReaders, scope: 'own' },
});

/** A department's results over the published rounds, with the comments it was given. */
export const departmentEvaluations = route({
  method: 'GET',
  path: '/api/evaluations/departments/{departmentId}',
  handler: 'evaluations/department-results',
  params: EvalDepartmentParams,
  access: { roles: ['district_admin', 'department'], scope: 'department' },
});

// The quarterly assessment of communities by class (issue 15).
const assessmentReaders = ['district_admin', 'street_staff', 'community_staff'] as const;

/** The district's scheme (aspects, classes, indicators) and each community's class for a year. */
export const assessmentClasses = route({
  method: 'GET',
  path: '/api/assessment/classes',
  handler: 'assessment/get-classes',
  query: YearQuery,
  access: { roles: [...assessmentReaders, 'department'], scope: 'own' },
});

export const assessmentClassPut = route({
  method: 'PUT',
  path: '/api/assessment/classes/{year}/{communityId}',
  handler: 'assessment/put-class',
  params: YearCommunityParams,
  body: ClassBody,
  access: { roles: ['district_admin'], scope: 'community' },
  writes: true,
});

export const assessmentQuarters = route({
  method: 'GET',
  path: '/api/assessment/quarters',
  handler: 'assessment/list-quarters',
  access: { roles: assessmentReaders, scope: 'own' },
});

/** The organisation department's view of a quarter: what the records give now, the entries, the reviews, the frozen versions. */
export const assessmentQuarter = route({
  method: 'GET',
  path: '/api/assessment/quarters/{quarter}',
  handler: 'assessment/get-quarter',
  params: QuarterParams,
  access: { roles: ['district_admin'], scope: 'own' },
  timeoutSeconds: 30,
  memoryMb: 1024,
});

export const assessmentEntryPut = route({
  method: 'PUT',
  path: '/api/assessment/quarters/{quarter}/entries/{communityId}',
  handler: 'assessment/put-entry',
  params: QuarterCommunityParams,
  body: EntryBody,
  access: { roles: ['district_admin'], scope: 'community' },
  writes: true,
});

export const assessmentReviewForm = route({
  method: 'GET',
  path: '/api/assessment/quarters/{quarter}/review',
  handler: 'assessment/get-review-form',
  params: QuarterParams,
  access: { roles: ['community_staff'], scope: 'own' },
});

/** A community's cross review of the others in its class, once a quarter. */
export const assessmentReviewSubmit = route({
  method: 'POST',
  path: '/api/assessment/quarters/{quarter}/review',
  handler: 'assessment/submit-review',
  params: QuarterParams,
  body: ReviewBody,
  access: { roles: ['community_staff'], scope: 'own' },
  writes: true,
});

/** Freezes a quarter once it is over, from the stored records; or corrects it with a reason (the next version). */
export const assessmentFreeze = route({
  method: 'POST',
  path: '/api/assessment/quarters/{quarter}/results',
  handler: 'assessment/freeze-quarter',
  params: QuarterParams,
  body: FreezeQuarterBody,
  access: { roles: ['district_admin'], scope: 'own' },
  writes: true,
  // A quarter of the district's cases (about 48,000) is read from the months' indexes.
  timeoutSeconds: 60,
  memoryMb: 1024,
});

/** A frozen quarter's class tables (a community sees its own class), JSON or CSV. */
export const assessmentResults = route({
  method: 'GET',
  path: '/api/assessment/quarters/{quarter}/results',
  handler: 'assessment/get-results',
  params: QuarterParams,
  query: ResultsQuery,
  access: { roles: assessmentReaders, scope: 'own' },
});

export const assessmentCommunity = route({
  method: 'GET',
  path: '/api/assessment/communities/{communityId}',
  handler: 'assessment/get-community',
  params: AssessCommunityParams,
  access: { roles: assessmentReaders, scope: 'community' },
});

export const assessmentTaskCreate = route({
  method: 'POST',
  path: '/api/assessment/tasks',
  handler: 'assessment/create-task',
  body: TaskBody,
  access: { roles: ['district_admin'], scope: 'own' },
  writes: true,
});

export const assessmentTasks = route({
  method: 'GET',
  path: '/api/assessment/tasks',
  handler: 'assessment/list-tasks',
  access: { roles: [...assessmentReaders, 'department'], scope: 'own' },
});

export const assessmentTaskState = route({
  method: 'POST',
  path: '/api/assessment/tasks/{taskId}/state',
  handler: 'assessment/set-task-state',
  params: TaskParams,
  body: TaskStateBody,
  access: { roles: ['district_admin', 'street_staff', 'department'], scope: 'own' },
  writes: true,
});

// Joint projects (社区出题、部门领题) and red shock teams (issue 15).
const projectRoles = ['district_admin', 'street_staff', 'community_staff', 'department'] as const;

export const projectsList = route({
  method: 'GET',
  path: '/api/projects',
  handler: 'projects/list-projects',
  query: ProjectsQuery,
  access: { roles: projectRoles, scope: 'own' },
});

/** A community posts a need (出题). */
export const projectPropose = route({
  method: 'POST',
  path: '/api/projects/{communityId}',
  handler: 'projects/propose-project',
  params: ProjectCommunityParams,
  body: ProjectBody,
  access: { roles: ['community_staff'], scope: 'community' },
  writes: true,
});

export const projectGet = route({
  method: 'GET',
  path: '/api/projects/{communityId}/{projectId}',
  handler: 'projects/get-project',
  params: ProjectParams,
  access: { roles: projectRoles, scope: 'own' },
  photos: { use: 'view', shelf: 'evidence' },
});

/** Upload forms for evidence photos (a milestone's, a 微心愿 case's), asked before the record that takes them is sent. */
export const staffPhotoUploads = route({
  method: 'POST',
  path: '/api/photos/uploads',
  handler: 'photos/staff-uploads',
  body: StaffPhotoUploadBody,
  maxBodyBytes: 1_024,
  access: { roles: ['district_admin', 'community_staff', 'department'], scope: 'own' },
  keys: true,
  photos: { use: 'upload' },
});

/** A paired department claims a proposed project (领题). */
export const projectClaim = route({
  method: 'POST',
  path: '/api/projects/{communityId}/{projectId}/claim',
  handler: 'projects/claim-project',
  params: ProjectParams,
  access: { roles: ['department'], scope: 'own' },
  writes: true,
});

export const projectPlan = route({
  method: 'PUT',
  path: '/api/projects/{communityId}/{projectId}/plan',
  handler: 'projects/plan-project',
  params: ProjectParams,
  body: PlanBody,
  access: { roles: ['community_staff', 'department'], scope: 'own' },
  writes: true,
});

export const projectEvidence = route({
  method: 'POST',
  path: '/api/projects/{communityId}/{projectId}/milestones/{milestoneId}/evidence',
  handler: 'projects/add-evidence',
  params: MilestoneParams,
  body: EvidenceBody,
  access: { roles: ['community_staff', 'department'], scope: 'own' },
  writes: true,
  keys: true,
  photos: { use: 'keep', shelf: 'evidence' },
});

/** Done (every milestone evidenced) or dropped with a reason. */
export const projectEnd = route({
  method: 'POST',
  path: '/api/projects/{communityId}/{projectId}/state',
  handler: 'projects/end-project',
  params: ProjectParams,
  body: ProjectStateBody,
  access: { roles: ['district_admin', 'community_staff', 'department'], scope: 'own' },
  writes: true,
});

export const teamsList = route({
  method: 'GET',
  path: '/api/teams',
  handler: 'projects/list-teams',
  access: { roles: projectRoles, scope: 'own' },
});

export const teamPut = route({
  method: 'PUT',
  path: '/api/teams/{departmentId}/{teamId}',
  handler: 'projects/put-team',
  params: TeamParams,
  body: TeamBody,
  access: { roles: ['district_admin', 'department'], scope: 'department' },
  writes: true,
});

export const calloutsList = route({
  method: 'GET',
  path: '/api/teams/callouts',
  handler: 'projects/list-callouts',
  access: { roles: projectRoles, scope: 'own' },
});

/** A community calls a paired department's team out for a task or an emergency. */
export const calloutCreate = route({
  method: 'POST',
  path: '/api/teams/callouts',
  handler: 'projects/call-out',
  body: CalloutBody,
  access: { roles: ['community_staff'], scope: 'own' },
  writes: true,
});

export const calloutAnswers = route({
  method: 'POST',
  path: '/api/teams/callouts/{communityId}/{calloutId}/answers',
  handler: 'projects/answer-callout',
  params: CalloutParams,
  body: AckBody,
  access: { roles: ['department'], scope: 'own' },
  writes: true,
});

export const calloutAttendance = route({
  method: 'POST',
  path: '/api/teams/callouts/{communityId}/{calloutId}/attendance',
  handler: 'projects/record-attendance',
  params: CalloutParams,
  body: AttendanceBody,
  access: { roles: ['community_staff'], scope: 'own' },
  writes: true,
});

// Leader liaison (包联, 顶格协调; issue 15).
export const liaisonSummary = route({
  method: 'GET',
  path: '/api/liaison',
  handler: 'liaison/month-summary',
  query: LiaisonMonthQuery,
  access: { roles: ['district_admin'], scope: 'own' },
});

export const liaisonCommunity = route({
  method: 'GET',
  path: '/api/liaison/{communityId}',
  handler: 'liaison/community-liaison',
  params: LiaisonCommunityParams,
  access: { roles: ['district_admin', 'street_staff', 'community_staff'], scope: 'community' },
});

/** A paired leader's visit, recorded by the district (the leaders' office) or the community. */
export const liaisonVisit = route({
  method: 'POST',
  path: '/api/liaison/{communityId}/visits',
  handler: 'liaison/add-visit',
  params: LiaisonCommunityParams,
  body: VisitBody,
  access: { roles: ['district_admin', 'community_staff'], scope: 'community' },
  writes: true,
});

export const liaisonEscalate = route({
  method: 'POST',
  path: '/api/liaison/{communityId}/escalations',
  handler: 'liaison/escalate',
  params: LiaisonCommunityParams,
  body: EscalationBody,
  access: { roles: ['district_admin', 'community_staff'], scope: 'community' },
  writes: true,
});

/** The leader's decision on an escalated matter, recorded by the district. */
export const liaisonOutcome = route({
  method: 'POST',
  path: '/api/liaison/{communityId}/escalations/{escalationId}/outcome',
  handler: 'liaison/decide',
  params: EscalationParams,
  body: OutcomeBody,
  access: { roles: ['district_admin'], scope: 'community' },
  writes: true,
});

// The year-end selection of outstanding joint projects and 微心愿 cases (issue 15).
export const selectionPut = route({
  method: 'PUT',
  path: '/api/selection/{year}',
  handler: 'selection/put-selection',
  params: SelectionParams,
  body: SelectionBody,
  access: { roles: ['district_admin'], scope: 'own' },
  writes: true,
});

export const selectionGet = route({
  method: 'GET',
  path: '/api/selection/{year}',
  handler: 'selection/get-selection',
  params: SelectionParams,
  access: { roles: ['district_admin', 'street_staff', 'community_staff'], scope: 'own' },
  photos: { use: 'view', shelf: 'evidence' },
});

/** A community nominates its own done project or a 微心愿 case; the district any. */
export const selectionNominate = route({
  method: 'POST',
  path: '/api/selection/{year}/nominations',
  handler: 'selection/nominate',
  params: SelectionParams,
  body: NominationBody,
  access: { roles: ['district_admin', 'community_staff'], scope: 'own' },
  writes: true,
  keys: true,
  photos: { use: 'keep', shelf: 'evidence' },
});

/** One panel member's score for one nomination, keyed from the member's sheet (once). */
export const selectionScore = route({
  method: 'POST',
  path: '/api/selection/{year}/nominations/{nominationId}/scores',
  handler: 'selection/score',
  params: NominationParams,
  body: ScoreBody,
  access: { roles: ['district_admin'], scope: 'own' },
  writes: true,
});

export const selectionFreeze = route({
  method: 'POST',
  path: '/api/selection/{year}/results',
  handler: 'selection/freeze',
  params: SelectionParams,
  access: { roles: ['district_admin'], scope: 'own' },
  writes: true,
});

/** The year's winners, public once frozen. */
export const publicSelection = route({
  method: 'GET',
  path: '/api/public/selection/{year}',
  handler: 'selection/public-winners',
  params: SelectionParams,
  access: { public: true },
});
