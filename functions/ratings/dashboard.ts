// What staff see: the campaigns that touch their scope, live figures per compound (from the
// counters the consumer keeps), and a compound's review before publication (from the records).
import { inScope, type Principal } from '../../shared/access.ts';
import { NotFound } from '../../shared/errors.ts';
import { figures, sumCounters } from '../../shared/ratings/aggregate.ts';
import { loadDistrict } from '../registry/district-store.ts';
import { getCompound } from '../registry/compound-store.ts';
import { campaignCompounds, campaignState, getCampaign, getCampaignCompound, listCampaigns, mayManage } from './campaign-store.ts';
import { liveFigures } from './live-store.ts';
import { countFromRecords, noticeVersions } from './publication-store.ts';
import { reviewRow } from './submission-store.ts';

function visibleTo(principal: Principal, c: { id: string; communityId: string; streetId: string }): boolean {
  return principal.kind === 'staff' && inScope(principal, { compoundId: c.id, communityId: c.communityId, streetId: c.streetId });
}

export async function campaignsFor(principal: Principal) {
  const [campaigns, district] = await Promise.all([listCampaigns(), loadDistrict()]);
  const byId = new Map(district.compounds.map((c) => [c.id, c]));
  return campaigns
    .map((c) => {
      const compounds = c.compoundIds.map((id) => byId.get(id)).filter((x) => x !== undefined);
      const mine = compounds.filter((x) => visibleTo(principal, x));
      return { c, compounds, mine };
    })
    .filter(({ mine }) => mine.length > 0)
    .map(({ c, compounds, mine }) => ({
      id: c.id, title: c.title, period: c.period, issuer: c.issuer, templateId: c.templateId, opensAt: c.opensAt, closesAt: c.closesAt, state: campaignState(c),
      compoundIds: c.compoundIds, compoundsInScope: mine.length, compounds: c.compoundIds.length, publishedCompounds: c.publishedCompounds, rev: c.rev,
      mayManage: mayManage(principal, compounds),
    }));
}

export async function dashboard(campaignId: string, principal: Principal) {
  const [campaign, district] = await Promise.all([getCampaign(campaignId), loadDistrict()]);
  if (!campaign) throw new NotFound('Campaign');
  const byId = new Map(district.compounds.map((c) => [c.id, c]));
  const visible = campaign.compoundIds.filter((id) => byId.has(id) && visibleTo(principal, byId.get(id)!));
  if (visible.length === 0) throw new NotFound('Campaign');
  const places = await campaignCompounds(campaignId);
  const live = await liveFigures(campaign, Math.max(0, ...places.map((p) => p.serviceItems.length)));
  const placeOf = new Map(places.map((p) => [p.compoundId, p]));
  const rows = visible.map((id) => {
    const place = placeOf.get(id);
    const compound = byId.get(id)!;
    const f = figures(campaign.questionnaire, place?.serviceItems ?? [], live.get(id)?.counters ?? {}, compound.unitCount);
    return {
      compoundId: id, name: compound.name, communityId: compound.communityId, company: place?.companyName ?? null,
      households: compound.unitCount, respondents: f.quality.respondents, participationPermille: f.quality.participationPermille, belowFloor: f.quality.belowFloor,
      satisfactionPermille: f.quality.satisfactionPermille, performancePermille: f.contract.performancePermille,
      dimensions: f.quality.dimensions.map((d) => ({ id: d.id, meanHundredths: d.meanHundredths })),
      publishedVersion: place?.publishedVersion ?? null, updatedAt: live.get(id)?.updatedAt ?? null,
    };
  });
  const total = figures(campaign.questionnaire, [], sumCounters(rows.map((r) => live.get(r.compoundId)?.counters ?? {})), rows.reduce((s, r) => s + r.households, 0));
  const allCompounds = campaign.compoundIds.map((id) => byId.get(id)).filter((x) => x !== undefined);
  return {
    campaign: { ...campaign, state: campaignState(campaign), mayManage: mayManage(principal, allCompounds) },
    totals: { respondents: total.quality.respondents, households: total.quality.households, participationPermille: total.quality.participationPermille, satisfactionPermille: total.quality.satisfactionPermille },
    compounds: rows,
  };
}

export async function review(campaignId: string, compoundId: string) {
  const campaign = await getCampaign(campaignId, true);
  if (!campaign || !campaign.compoundIds.includes(compoundId)) throw new NotFound('Campaign compound');
  const [place, compound, versions, records] = await Promise.all([
    getCampaignCompound(campaignId, compoundId), getCompound(compoundId), noticeVersions(campaignId, compoundId), countFromRecords(campaign, compoundId),
  ]);
  return {
    campaign: { id: campaign.id, title: campaign.title, period: campaign.period, closesAt: campaign.closesAt, state: campaignState(campaign), questionnaire: campaign.questionnaire },
    compound: { id: compoundId, name: place?.name ?? compound?.name ?? compoundId, company: place?.companyName ?? null, serviceItems: place?.serviceItems ?? [] },
    /** What publishing now would print: computed from the records, as publication does. */
    preview: figures(campaign.questionnaire, place?.serviceItems ?? [], records.counters, compound?.unitCount ?? 0),
    submissions: records.submissions.map(reviewRow).sort((a, b) => b.submittedAt.localeCompare(a.submittedAt)),
    versions: versions.map((v) => ({ version: v.version, publishedAt: v.publishedAt, reason: v.reason, changes: v.changes, respondents: v.figures.quality.respondents })),
  };
}
