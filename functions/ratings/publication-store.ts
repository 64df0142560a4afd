// Publication (双公告): both notices are computed from the stored submissions at the moment
// of publishing, never from the live counters, and frozen as an immutable version with the
// counts of what they were computed from. A correction is the next version, stating what
// changed and why; every earlier version stays readable.
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { Principal } from '../../shared/access.ts';
import { BadRequest, Conflict, NotFound } from '../../shared/errors.ts';
import { changesBetween, contribution, figures, rankCompanies, sumCounters, type Counters, type Figures } from '../../shared/ratings/aggregate.ts';
import { toCsv } from '../../shared/registry/csv.ts';
import { maskNumbers } from '../../shared/privacy.ts';
import { ddb, tableName } from '../lib/clients.ts';
import { keys } from '../lib/keys.ts';
import { batchGet } from '../lib/batch-get.ts';
import { auditPut } from '../lib/audit.ts';
import { getCompound } from '../registry/compound-store.ts';
import { campaignCompounds, campaignState, getCampaign, getCampaignCompound, listCampaigns } from './campaign-store.ts';
import { queryAll } from '../lib/query.ts';
import type { CampaignCompoundItem, CampaignItem, NoticeItem, SubmissionItem } from './model.ts';

/** The figures the records give now: every stored, non-excluded submission. */
export async function countFromRecords(campaign: CampaignItem, compoundId: string) {
  const submissions = await queryAll<SubmissionItem>(keys.ratingSubmissionsPk(campaign.id, compoundId), { skPrefix: 'UNIT#', consistent: true });
  const counted = submissions.filter((s) => !s.excludedAt);
  const counters: Counters = sumCounters(counted.map((s) => contribution(campaign.questionnaire, s)));
  return { submissions, counted, counters };
}

export async function noticeVersions(campaignId: string, compoundId: string): Promise<NoticeItem[]> {
  return queryAll<NoticeItem>(keys.noticesPk(campaignId, compoundId), { skPrefix: 'V#', consistent: true });
}

export async function publishCompound(campaignId: string, compoundId: string, reason: string | undefined, principal: Principal) {
  const campaign = await getCampaign(campaignId, true);
  if (!campaign || !campaign.compoundIds.includes(compoundId)) throw new NotFound('Campaign compound');
  const now = new Date();
  if (campaignState(campaign, now.getTime()) !== 'closed') throw new Conflict(`Notices are published after the campaign closes (${campaign.closesAt})`, 'not_closed');
  const [place, compound, versions] = await Promise.all([getCampaignCompound(campaignId, compoundId, true), getCompound(compoundId, true), noticeVersions(campaignId, compoundId)]);
  if (!place || !compound) throw new NotFound('Campaign compound');
  const previous = versions.at(-1) ?? null;
  if (previous && !reason) throw new BadRequest('A correction must say why', [{ path: 'body.reason', reason: 'required when a notice is already published' }]);
  const { submissions, counted, counters } = await countFromRecords(campaign, compoundId);
  const households = compound.unitCount;
  const computed: Figures = figures(campaign.questionnaire, place.serviceItems, counters, households);
  const changes = previous ? changesBetween(previous.figures, computed) : [];
  if (previous && changes.length === 0) throw new Conflict('Nothing changed since the published version', 'unchanged');
  const version = (previous?.version ?? 0) + 1;
  const notice: NoticeItem = {
    et: 'notice', campaignId, compoundId, version, publishedAt: now.toISOString(),
    title: campaign.title, period: campaign.period, issuer: campaign.issuer,
    compound: { name: place.name, address: place.address, communityName: place.communityName, streetName: place.streetName },
    company: place.companyId ? { id: place.companyId, name: place.companyName ?? place.companyId } : null,
    figures: computed,
    inputs: { submissions: submissions.length, excluded: submissions.length - counted.length, counted: counted.length, households, registerVersion: compound.currentVersion },
    reason: reason ?? null, changes, supersedes: previous?.version ?? null,
  };
  try {
    await ddb.send(new TransactWriteCommand({ TransactItems: [
      { Put: { TableName: tableName(), Item: { ...keys.notice(campaignId, compoundId, version), ...notice }, ConditionExpression: 'attribute_not_exists(pk)' } },
      {
        Update: {
          TableName: tableName(), Key: keys.campaignCompound(campaignId, compoundId),
          UpdateExpression: 'SET publishedVersion = :v, publishedAt = :at',
          ConditionExpression: previous ? 'publishedVersion = :prev' : 'attribute_not_exists(publishedVersion)',
          ExpressionAttributeValues: { ':v': version, ':at': notice.publishedAt, ...(previous ? { ':prev': previous.version } : {}) },
        },
      },
      ...(previous ? [] : [{ Update: { TableName: tableName(), Key: keys.campaign(campaignId), UpdateExpression: 'ADD publishedCompounds :one', ExpressionAttributeValues: { ':one': 1 } } }]),
      auditPut(principal, { action: previous ? 'notice.correct' : 'notice.publish', target: `campaign:${campaignId}:${compoundId}`, after: { version, reason: reason ?? null, respondents: computed.quality.respondents, changes: changes.length } }, now),
    ] }));
  } catch (error) {
    if (error instanceof TransactionCanceledException) throw new Conflict('Someone published this compound meanwhile; reload', 'published_meanwhile');
    throw error;
  }
  return notice;
}

/** The public form of a notice: no staff identities, nothing about households, no phone or ID number in the correction's reason. */
export function publicNotice(n: NoticeItem) {
  const { et: _et, pk: _pk, sk: _sk, ...rest } = n as NoticeItem & { pk?: string; sk?: string };
  return { ...rest, reason: publicReason(rest.reason) };
}

/** A correction's reason is staff's free text shown to the public: personal numbers masked. */
function publicReason(reason: string | null): string | null {
  return reason === null ? null : maskNumbers(reason);
}

export async function getNotice(campaignId: string, compoundId: string, version?: number) {
  const versions = await noticeVersions(campaignId, compoundId);
  if (versions.length === 0) throw new NotFound('Published notice');
  const chosen = version === undefined ? versions.at(-1)! : versions.find((v) => v.version === version);
  if (!chosen) throw new NotFound('Notice version');
  return { notice: publicNotice(chosen), versions: versions.map((v) => ({ version: v.version, publishedAt: v.publishedAt, reason: publicReason(v.reason) })), latest: versions.at(-1)!.version };
}

/** Each published compound's latest notice, in the campaign's compound order. */
export async function latestNotices(campaignId: string): Promise<{ places: CampaignCompoundItem[]; notices: NoticeItem[] }> {
  const places = await campaignCompounds(campaignId);
  const published = places.filter((p) => p.publishedVersion);
  const found = await batchGet(published.map((p) => keys.notice(campaignId, p.compoundId, p.publishedVersion!)));
  const notices = [...found.values()] as unknown as NoticeItem[];
  const order = new Map(places.map((p, i) => [p.compoundId, i]));
  notices.sort((a, b) => (order.get(a.compoundId)! - order.get(b.compoundId)!));
  return { places, notices };
}

/** The district page of a campaign: every published compound's headline figures and the company table. */
export async function campaignSummary(campaignId: string) {
  const campaign = await getCampaign(campaignId);
  if (!campaign || campaign.publishedCompounds <= 0) throw new NotFound('Published campaign');
  const { places, notices } = await latestNotices(campaignId);
  const companies = rankCompanies(notices.filter((n) => n.company).map((n) => ({ companyId: n.company!.id, companyName: n.company!.name, compoundId: n.compoundId, figures: n.figures })));
  return {
    campaign: { id: campaign.id, title: campaign.title, period: campaign.period, issuer: campaign.issuer, opensAt: campaign.opensAt, closesAt: campaign.closesAt, compounds: places.length, published: notices.length },
    compounds: notices.map((n) => ({
      compoundId: n.compoundId, name: n.compound.name, streetName: n.compound.streetName, communityName: n.compound.communityName, company: n.company?.name ?? null,
      version: n.version, publishedAt: n.publishedAt, respondents: n.figures.quality.respondents, households: n.figures.quality.households,
      participationPermille: n.figures.quality.participationPermille, belowFloor: n.figures.quality.belowFloor,
      satisfactionPermille: n.figures.quality.satisfactionPermille, performancePermille: n.figures.contract.performancePermille,
    })),
    companies,
  };
}

export async function publishedCampaigns() {
  return (await listCampaigns()).filter((c) => c.publishedCompounds > 0).map((c) => ({ id: c.id, title: c.title, period: c.period, issuer: c.issuer, closesAt: c.closesAt, published: c.publishedCompounds, compounds: c.compoundIds.length }));
}

const CSV_HEAD = ['campaign', 'period', 'street', 'community', 'compound_id', 'compound', 'company', 'version', 'published_at', 'households', 'respondents', 'participation_pct', 'below_floor', 'satisfaction_pct', 'satisfied', 'basic', 'unsatisfied', 'performance_pct'];

function pct(permille: number | null): string {
  return permille === null ? '' : (permille / 10).toFixed(1);
}

/** Open data: the latest notices of a campaign, as JSON (whole) or CSV (one row per compound). */
export async function openData(campaignId: string, format: 'json' | 'csv') {
  const campaign = await getCampaign(campaignId);
  if (!campaign || campaign.publishedCompounds <= 0) throw new NotFound('Published campaign');
  const { notices } = await latestNotices(campaignId);
  if (format === 'json') return { campaign: { id: campaign.id, title: campaign.title, period: campaign.period, issuer: campaign.issuer }, notices: notices.map(publicNotice) };
  const dims = campaign.questionnaire.dimensions;
  const head = [...CSV_HEAD, ...dims.map((d) => `mean_${d.id}`)];
  const rows = notices.map((n) => {
    const q = n.figures.quality;
    return [
      campaign.title, campaign.period, n.compound.streetName, n.compound.communityName, n.compoundId, n.compound.name, n.company?.name ?? '', n.version, n.publishedAt,
      q.households, q.respondents, pct(q.participationPermille), q.belowFloor, pct(q.satisfactionPermille), q.overall.satisfied, q.overall.basic, q.overall.unsatisfied, pct(n.figures.contract.performancePermille),
      ...dims.map((d) => {
        const m = q.dimensions.find((x) => x.id === d.id)?.meanHundredths;
        return m === null || m === undefined ? '' : (m / 100).toFixed(2);
      }),
    ];
  });
  return toCsv([head, ...rows].map((r) => r.map(String)));
}

