// The one place where the system is wired. The CDK stack (infra/) and the local district
// (infra/local/) are both generated from this file: every HTTP route and every queue.
import * as z from 'zod';
import type { Access } from '../shared/access.ts';
import { AuditQuery, CompanyBody, CompanyParams, CompoundBody, CompoundParams, RegisterExportQuery, RegisterImportBody } from '../shared/registry/schemas.ts';
import { RatingChanged, RegisterCommitted } from '../shared/events.ts';
import { CampaignBody, CampaignCompoundParams, CampaignParams, ExcludeBody, NoticeQuery, OpenDataQuery, PublishBody, TemplateBody, TemplateParams } from '../shared/ratings/schemas.ts';
import { RatingSubmissionBody } from '../shared/ratings/submission.ts';
import { BallotBody, BallotParams, BulletinQuery, DeliveryBody, WithdrawBody, ElectionBody, ElectionParams, ExportQuery, GateParams, HearingBody, PaperDiscardBody, PaperEntryBody, ProxyBody } from '../shared/votes/schemas.ts';
import { BallotSubmissionBody } from '../shared/votes/submission.ts';
import { CodeStatusQuery, ExchangeCodeBody, IssueCodesBody, RevokeCodeBody } from '../shared/auth-schemas.ts';

/** A zod schema, full or from `zod/mini` (the resident page's messages use the small build). */
export type Schema = z.core.$ZodType;

export interface RouteDef<P extends Schema = Schema, Q extends Schema = Schema, B extends Schema = Schema> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  /** Module under functions/, without extension; it exports `handler`. */
  handler: string;
  params?: P;
  query?: Q;
  body?: B;
  /** Largest accepted body in bytes (before JSON parsing). */
  maxBodyBytes?: number;
  access: Access;
  /** Staff writes are recorded in the audit trail by the handler's transaction. */
  writes?: boolean;
  /** Needs the key material (code HMAC, resident signing key): only these may read that table. */
  keys?: boolean;
  timeoutSeconds?: number;
  memoryMb?: number;
}

export interface QueueDef {
  name: string;
  fifo: boolean;
  /** Module under functions/ that exports `handler` for SQS batches. */
  consumer: string;
  message: Schema;
  batchSize: number;
  maxReceiveCount: number;
  visibilityTimeoutSeconds: number;
}

const route = <P extends Schema, Q extends Schema, B extends Schema>(r: RouteDef<P, Q, B>) => r;

const staff = ['district_admin', 'street_staff', 'community_staff'] as const;
const compoundReaders = [...staff, 'committee'] as const;

export const routes = {
  publicDistrict: route({
    method: 'GET',
    path: '/api/public/district',
    handler: 'registry/public-district',
    access: { public: true },
  }),
  registryTree: route({
    method: 'GET',
    path: '/api/registry/tree',
    handler: 'registry/get-tree',
    access: { roles: compoundReaders, scope: 'own' },
  }),
  compoundGet: route({
    method: 'GET',
    path: '/api/registry/compounds/{compoundId}',
    handler: 'registry/get-compound',
    params: CompoundParams,
    access: { roles: compoundReaders, scope: 'compound' },
  }),
  compoundPut: route({
    method: 'PUT',
    path: '/api/registry/compounds/{compoundId}',
    handler: 'registry/put-compound',
    params: CompoundParams,
    body: CompoundBody,
    access: { roles: staff, scope: 'compound' },
    writes: true,
  }),
  companyPut: route({
    method: 'PUT',
    path: '/api/registry/companies/{companyId}',
    handler: 'registry/put-company',
    params: CompanyParams,
    body: CompanyBody,
    access: { roles: ['district_admin'], scope: 'own' },
    writes: true,
  }),
  registerImport: route({
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
  }),
  registerVersions: route({
    method: 'GET',
    path: '/api/registry/compounds/{compoundId}/register/versions',
    handler: 'registry/list-register-versions',
    params: CompoundParams,
    access: { roles: compoundReaders, scope: 'compound' },
  }),
  registerExport: route({
    method: 'GET',
    path: '/api/registry/compounds/{compoundId}/register/export',
    handler: 'registry/export-register',
    params: CompoundParams,
    query: RegisterExportQuery,
    access: { roles: staff, scope: 'compound' },
    timeoutSeconds: 30,
  }),
  codesIssue: route({
    method: 'POST',
    path: '/api/registry/compounds/{compoundId}/codes',
    handler: 'auth/issue-codes',
    params: CompoundParams,
    body: IssueCodesBody,
    access: { roles: staff, scope: 'compound' },
    writes: true,
    timeoutSeconds: 60,
    keys: true,
  }),
  codeRevoke: route({
    method: 'POST',
    path: '/api/registry/compounds/{compoundId}/codes/revoke',
    handler: 'auth/revoke-code',
    params: CompoundParams,
    body: RevokeCodeBody,
    access: { roles: staff, scope: 'compound' },
    writes: true,
    keys: true,
  }),
  codeStatus: route({
    method: 'GET',
    path: '/api/registry/compounds/{compoundId}/codes',
    handler: 'auth/code-status',
    params: CompoundParams,
    query: CodeStatusQuery,
    access: { roles: compoundReaders, scope: 'compound' },
  }),
  codeExchange: route({
    method: 'POST',
    path: '/api/auth/household',
    handler: 'auth/exchange-code',
    body: ExchangeCodeBody,
    maxBodyBytes: 1024,
    access: { public: true },
    writes: true,
    keys: true,
  }),
  residentDiscovery: route({
    method: 'GET',
    path: '/api/auth/resident/.well-known/openid-configuration',
    handler: 'auth/openid-configuration',
    access: { public: true },
  }),
  residentJwks: route({
    method: 'GET',
    path: '/api/auth/resident/.well-known/jwks.json',
    handler: 'auth/jwks',
    access: { public: true },
    keys: true,
  }),
  residentMe: route({
    method: 'GET',
    path: '/api/resident/me',
    handler: 'resident/me',
    access: { residents: ['rating', 'ballot'] },
  }),
  // Ratings and their publication (issue 5).
  ratingTemplates: route({
    method: 'GET',
    path: '/api/ratings/templates',
    handler: 'ratings/list-templates',
    access: { roles: staff, scope: 'own' },
  }),
  ratingTemplatePut: route({
    method: 'PUT',
    path: '/api/ratings/templates/{templateId}',
    handler: 'ratings/put-template',
    params: TemplateParams,
    body: TemplateBody,
    access: { roles: ['district_admin'], scope: 'own' },
    writes: true,
  }),
  campaignsList: route({
    method: 'GET',
    path: '/api/ratings/campaigns',
    handler: 'ratings/list-campaigns',
    access: { roles: compoundReaders, scope: 'own' },
  }),
  campaignPut: route({
    method: 'PUT',
    path: '/api/ratings/campaigns/{campaignId}',
    handler: 'ratings/put-campaign',
    params: CampaignParams,
    body: CampaignBody,
    access: { roles: staff, scope: 'campaign' },
    writes: true,
    timeoutSeconds: 30,
  }),
  campaignGet: route({
    method: 'GET',
    path: '/api/ratings/campaigns/{campaignId}',
    handler: 'ratings/get-campaign',
    params: CampaignParams,
    access: { roles: compoundReaders, scope: 'campaign' },
  }),
  campaignClose: route({
    method: 'POST',
    path: '/api/ratings/campaigns/{campaignId}/close',
    handler: 'ratings/close-campaign',
    params: CampaignParams,
    access: { roles: staff, scope: 'campaign' },
    writes: true,
  }),
  ratingReview: route({
    method: 'GET',
    path: '/api/ratings/campaigns/{campaignId}/compounds/{compoundId}',
    handler: 'ratings/get-review',
    params: CampaignCompoundParams,
    access: { roles: staff, scope: 'compound' },
    timeoutSeconds: 30,
  }),
  ratingExclude: route({
    method: 'POST',
    path: '/api/ratings/campaigns/{campaignId}/compounds/{compoundId}/exclusions',
    handler: 'ratings/exclude-submission',
    params: CampaignCompoundParams,
    body: ExcludeBody,
    access: { roles: staff, scope: 'compound' },
    writes: true,
  }),
  noticePublish: route({
    method: 'POST',
    path: '/api/ratings/campaigns/{campaignId}/compounds/{compoundId}/notices',
    handler: 'ratings/publish-notice',
    params: CampaignCompoundParams,
    body: PublishBody,
    access: { roles: staff, scope: 'compound' },
    writes: true,
    timeoutSeconds: 30,
    memoryMb: 1024,
  }),
  publicRatings: route({
    method: 'GET',
    path: '/api/public/ratings',
    handler: 'ratings/public-campaigns',
    access: { public: true },
  }),
  publicCampaign: route({
    method: 'GET',
    path: '/api/public/ratings/{campaignId}',
    handler: 'ratings/public-campaign',
    params: CampaignParams,
    access: { public: true },
  }),
  publicNotice: route({
    method: 'GET',
    path: '/api/public/ratings/{campaignId}/compounds/{compoundId}',
    handler: 'ratings/public-notice',
    params: CampaignCompoundParams,
    query: NoticeQuery,
    access: { public: true },
  }),
  publicOpenData: route({
    method: 'GET',
    path: '/api/public/ratings/{campaignId}/open-data',
    handler: 'ratings/open-data',
    params: CampaignParams,
    query: OpenDataQuery,
    access: { public: true },
    timeoutSeconds: 30,
  }),
  residentRatingForm: route({
    method: 'GET',
    path: '/api/resident/rating',
    handler: 'resident/rating-form',
    access: { residents: ['rating'] },
  }),
  residentRatingSubmit: route({
    method: 'PUT',
    path: '/api/resident/rating',
    handler: 'resident/submit-rating',
    body: RatingSubmissionBody,
    maxBodyBytes: 8 * 1024,
    access: { residents: ['rating'] },
  }),
  // Owner votes, elections and committees (issue 6).
  ballotsList: route({
    method: 'GET',
    path: '/api/votes/compounds/{compoundId}/ballots',
    handler: 'votes/list-ballots',
    params: CompoundParams,
    access: { roles: compoundReaders, scope: 'compound' },
  }),
  ballotAnnounce: route({
    method: 'PUT',
    path: '/api/votes/compounds/{compoundId}/ballots/{ballotId}',
    handler: 'votes/announce-ballot',
    params: BallotParams,
    body: BallotBody,
    maxBodyBytes: 128 * 1024,
    access: { roles: compoundReaders, scope: 'compound' },
    writes: true,
    timeoutSeconds: 30,
  }),
  ballotBoard: route({
    method: 'GET',
    path: '/api/votes/compounds/{compoundId}/ballots/{ballotId}',
    handler: 'votes/get-ballot',
    params: BallotParams,
    access: { roles: compoundReaders, scope: 'compound' },
    timeoutSeconds: 30,
  }),
  ballotWithdraw: route({
    method: 'POST',
    path: '/api/votes/compounds/{compoundId}/ballots/{ballotId}/withdraw',
    handler: 'votes/withdraw-ballot',
    params: BallotParams,
    body: WithdrawBody,
    access: { roles: compoundReaders, scope: 'compound' },
    writes: true,
  }),
  paperKey: route({
    method: 'POST',
    path: '/api/votes/compounds/{compoundId}/ballots/{ballotId}/paper',
    handler: 'votes/key-paper',
    params: BallotParams,
    body: PaperEntryBody,
    access: { roles: compoundReaders, scope: 'compound' },
    writes: true,
  }),
  paperDiscard: route({
    method: 'POST',
    path: '/api/votes/compounds/{compoundId}/ballots/{ballotId}/paper/discard',
    handler: 'votes/discard-paper',
    params: BallotParams,
    body: PaperDiscardBody,
    access: { roles: compoundReaders, scope: 'compound' },
    writes: true,
  }),
  proxyRecord: route({
    method: 'POST',
    path: '/api/votes/compounds/{compoundId}/ballots/{ballotId}/proxies',
    handler: 'votes/record-proxy',
    params: BallotParams,
    body: ProxyBody,
    access: { roles: compoundReaders, scope: 'compound' },
    writes: true,
  }),
  deliveryRecord: route({
    method: 'POST',
    path: '/api/votes/compounds/{compoundId}/ballots/{ballotId}/deliveries',
    handler: 'votes/record-delivery',
    params: BallotParams,
    body: DeliveryBody,
    access: { roles: compoundReaders, scope: 'compound' },
    writes: true,
  }),
  hearingAdd: route({
    method: 'POST',
    path: '/api/votes/compounds/{compoundId}/ballots/{ballotId}/hearings',
    handler: 'votes/add-hearing',
    params: BallotParams,
    body: HearingBody,
    access: { roles: compoundReaders, scope: 'compound' },
    writes: true,
  }),
  ballotClose: route({
    method: 'POST',
    path: '/api/votes/compounds/{compoundId}/ballots/{ballotId}/close',
    handler: 'votes/close-ballot',
    params: BallotParams,
    access: { roles: compoundReaders, scope: 'compound' },
    writes: true,
    timeoutSeconds: 30,
    memoryMb: 1024,
  }),
  ballotExport: route({
    method: 'GET',
    path: '/api/votes/compounds/{compoundId}/ballots/{ballotId}/export',
    handler: 'votes/export-ballot',
    params: BallotParams,
    query: ExportQuery,
    access: { roles: compoundReaders, scope: 'compound' },
    timeoutSeconds: 30,
  }),
  electionStart: route({
    method: 'PUT',
    path: '/api/votes/compounds/{compoundId}/elections/{electionId}',
    handler: 'votes/start-election',
    params: ElectionParams,
    body: ElectionBody,
    access: { roles: compoundReaders, scope: 'compound' },
    writes: true,
  }),
  electionGate: route({
    method: 'POST',
    path: '/api/votes/compounds/{compoundId}/elections/{electionId}/gates/{gate}',
    handler: 'votes/sign-gate',
    params: GateParams,
    // Each gate has its own record schema (shared/votes/schemas.ts GateBodies), checked once the gate is known.
    body: z.record(z.string(), z.unknown()),
    maxBodyBytes: 64 * 1024,
    access: { roles: compoundReaders, scope: 'compound' },
    writes: true,
    timeoutSeconds: 30,
  }),
  committeeForm: route({
    method: 'POST',
    path: '/api/votes/compounds/{compoundId}/elections/{electionId}/committee',
    handler: 'votes/form-committee',
    params: ElectionParams,
    access: { roles: compoundReaders, scope: 'compound' },
    writes: true,
  }),
  committeesDashboard: route({
    method: 'GET',
    path: '/api/votes/committees',
    handler: 'votes/committees-dashboard',
    access: { roles: staff, scope: 'own' },
  }),
  residentBallotForm: route({
    method: 'GET',
    path: '/api/resident/ballot',
    handler: 'resident/ballot-form',
    access: { residents: ['ballot'] },
  }),
  residentBallotSubmit: route({
    method: 'PUT',
    path: '/api/resident/ballot',
    handler: 'resident/submit-ballot',
    body: BallotSubmissionBody,
    maxBodyBytes: 8 * 1024,
    access: { residents: ['ballot'] },
  }),
  publicBallots: route({
    method: 'GET',
    path: '/api/public/ballots',
    handler: 'votes/public-ballots',
    access: { public: true },
  }),
  publicBallotResult: route({
    method: 'GET',
    path: '/api/public/ballots/{compoundId}/{ballotId}',
    handler: 'votes/public-result',
    params: BallotParams,
    access: { public: true },
  }),
  publicBulletin: route({
    method: 'GET',
    path: '/api/public/ballots/{compoundId}/{ballotId}/bulletin',
    handler: 'votes/public-bulletin',
    params: BallotParams,
    query: BulletinQuery,
    access: { public: true },
    timeoutSeconds: 30,
  }),
  auditList: route({
    method: 'GET',
    path: '/api/audit',
    handler: 'audit/list-audit',
    query: AuditQuery,
    access: { roles: ['district_admin'], scope: 'own' },
  }),
} satisfies Record<string, RouteDef>;

export const queues = {
  registerEvents: {
    name: 'register-events',
    fifo: false,
    consumer: 'registry/on-register-committed',
    message: RegisterCommitted,
    batchSize: 10,
    maxReceiveCount: 5,
    visibilityTimeoutSeconds: 60,
  },
  ratingEvents: {
    name: 'rating-events',
    fifo: false,
    consumer: 'ratings/on-rating-event',
    message: RatingChanged,
    // Large batches: the consumer writes one transaction per compound per batch.
    batchSize: 100,
    maxReceiveCount: 5,
    visibilityTimeoutSeconds: 60,
  },
} satisfies Record<string, QueueDef>;

export type QueueName = (typeof queues)[keyof typeof queues]['name'];

/** Functions that Cognito calls: every staff sign-in is audited. */
export const triggers = { postAuthentication: { handler: 'auth/post-authentication' } } as const;

/** The stream relay moves outbox items to these queues (DESIGN.md, data rules). */
export const streamRelay = { handler: 'relay/stream-relay', batchSize: 50, retryAttempts: 10 } as const;

export const allRoutes: RouteDef[] = Object.values(routes);
export const allQueues: QueueDef[] = Object.values(queues);
