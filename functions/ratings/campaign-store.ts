// Templates and campaigns. A campaign's questions (template, contract items, compounds) are
// fixed once it opens; submissions are only accepted while it is open and name the question
// revision they answered, so no submission can ever answer other questions than stored.
import { GetCommand, TransactWriteCommand, BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { inScope, type Principal } from '../../shared/access.ts';
import { BadRequest, Conflict, NotFound } from '../../shared/errors.ts';
import { DEFAULT_QUESTIONNAIRE } from '../../shared/ratings/questionnaire.ts';
import type { CampaignBody, TemplateBody } from '../../shared/ratings/schemas.ts';
import { ddb, tableName } from '../lib/clients.ts';
import { keys, RATINGS_PK } from '../lib/keys.ts';
import { auditPut } from '../lib/audit.ts';
import { batchPut } from '../lib/batch-write.ts';
import { queryAll } from '../lib/query.ts';
import { loadDistrict } from '../registry/district-store.ts';
import type { CampaignCompoundItem, CampaignItem, TemplateItem } from './model.ts';

export const DEFAULT_TEMPLATE_ID = 'standard';

export async function listTemplates(): Promise<TemplateItem[]> {
  const stored = await queryAll<TemplateItem>(RATINGS_PK, { skPrefix: 'TEMPLATE#' });
  // The standard template always exists, so a district can start without writing one.
  if (!stored.some((t) => t.id === DEFAULT_TEMPLATE_ID)) stored.unshift({ et: 'rating-template', id: DEFAULT_TEMPLATE_ID, name: '物业服务评价（标准）', questionnaire: DEFAULT_QUESTIONNAIRE, rev: 0, updatedAt: new Date(0).toISOString() });
  return stored;
}

export async function getTemplate(id: string): Promise<TemplateItem | undefined> {
  return (await listTemplates()).find((t) => t.id === id);
}

export async function putTemplate(id: string, body: TemplateBody, principal: Principal) {
  const before = await getTemplate(id);
  const now = new Date().toISOString();
  const item: TemplateItem = { et: 'rating-template', id, name: body.name, questionnaire: body.questionnaire, rev: (before?.rev ?? 0) + 1, updatedAt: now };
  await ddb.send(new TransactWriteCommand({ TransactItems: [
    // Campaigns copy the questionnaire when they are set up, so editing a template never
    // changes a running campaign.
    { Put: { TableName: tableName(), Item: { ...keys.ratingTemplate(id), ...item }, ConditionExpression: before && before.rev > 0 ? 'rev = :rev' : 'attribute_not_exists(pk)', ExpressionAttributeValues: before && before.rev > 0 ? { ':rev': before.rev } : undefined } },
    auditPut(principal, { action: before && before.rev > 0 ? 'rating-template.update' : 'rating-template.create', target: `rating-template:${id}`, before: before?.questionnaire, after: body }),
  ] }));
  return item;
}

export async function getCampaign(id: string, consistent = false): Promise<CampaignItem | undefined> {
  const { Item } = await ddb.send(new GetCommand({ TableName: tableName(), Key: keys.campaign(id), ConsistentRead: consistent }));
  return Item as CampaignItem | undefined;
}

export async function listCampaigns(): Promise<CampaignItem[]> {
  const all = await queryAll<CampaignItem>(RATINGS_PK, { skPrefix: 'CAMPAIGN#' });
  return all.sort((a, b) => b.opensAt.localeCompare(a.opensAt));
}

export async function campaignCompounds(campaignId: string, consistent = false): Promise<CampaignCompoundItem[]> {
  return queryAll<CampaignCompoundItem>(keys.campaignCompoundsPk(campaignId), { skPrefix: 'COMPOUND#', consistent });
}

export async function getCampaignCompound(campaignId: string, compoundId: string, consistent = false): Promise<CampaignCompoundItem | undefined> {
  const { Item } = await ddb.send(new GetCommand({ TableName: tableName(), Key: keys.campaignCompound(campaignId, compoundId), ConsistentRead: consistent }));
  return Item as CampaignCompoundItem | undefined;
}

export type CampaignState = 'scheduled' | 'open' | 'closed';
export function campaignState(c: Pick<CampaignItem, 'opensAt' | 'closesAt'>, now = Date.now()): CampaignState {
  if (now < Date.parse(c.opensAt)) return 'scheduled';
  return now < Date.parse(c.closesAt) ? 'open' : 'closed';
}

/** A staff member may run a campaign only if every compound in it is theirs. */
export function mayManage(principal: Principal, compounds: { compoundId?: string; id?: string; communityId: string; streetId: string }[]): boolean {
  if (principal.kind !== 'staff') return false;
  return compounds.every((c) => inScope(principal, { compoundId: c.compoundId ?? c.id, communityId: c.communityId, streetId: c.streetId }));
}

export async function putCampaign(id: string, body: CampaignBody, principal: Principal) {
  const [existing, district, template] = await Promise.all([getCampaign(id, true), loadDistrict(), getTemplate(body.templateId)]);
  if (!template) throw new BadRequest('No such template', [{ path: 'body.templateId', reason: 'not a template of this district' }]);
  if (existing && body.rev === undefined) throw new Conflict(`Campaign ${id} exists; send its rev to edit it`, 'exists');
  if (!existing && body.rev !== undefined) throw new NotFound('Campaign');
  if (existing && body.rev !== existing.rev) throw new Conflict('The campaign was changed by someone else; reload it', 'stale_revision');
  const byId = new Map(district.compounds.map((c) => [c.id, c]));
  const missing = body.compoundIds.filter((c) => !byId.has(c));
  if (missing.length) throw new BadRequest('Unknown compounds', missing.map((m) => ({ path: 'body.compoundIds', reason: `${m} is not a compound of this district` })));
  // Scope (every compound, old and new, in the caller's reach) is the route's 'campaign' rule.
  const chosen = body.compoundIds.map((c) => byId.get(c)!);

  const now = new Date();
  const nowIso = now.toISOString();
  const state = existing ? campaignState(existing, now.getTime()) : 'scheduled';
  const questionsChange = !existing || existing.templateId !== body.templateId || existing.opensAt !== body.opensAt || existing.compoundIds.join() !== body.compoundIds.join();
  if (existing && state !== 'scheduled') {
    // Open or closed: the questions and who is asked are fixed; only the title and the
    // closing time may change (to extend a campaign, or to close it early).
    if (questionsChange) throw new Conflict('The campaign is open: its questions, compounds and opening time can no longer change', 'campaign_open');
    if (state === 'closed' && existing.publishedCompounds > 0 && body.closesAt !== existing.closesAt) throw new Conflict('Notices are published: the closing time can no longer change', 'published');
  }
  if (!existing && Date.parse(body.closesAt) <= now.getTime()) throw new BadRequest('A new campaign must close in the future', [{ path: 'body.closesAt', reason: 'in the past' }]);

  const qrev = questionsChange ? (existing?.qrev ?? 0) + 1 : existing!.qrev;
  const item: CampaignItem = {
    et: 'rating-campaign', id, title: body.title, period: body.period, issuer: body.issuer, templateId: body.templateId,
    questionnaire: questionsChange ? template.questionnaire : existing!.questionnaire,
    opensAt: body.opensAt, closesAt: body.closesAt, compoundIds: body.compoundIds, qrev, rev: (existing?.rev ?? 0) + 1,
    createdAt: existing?.createdAt ?? nowIso, createdBy: existing?.createdBy ?? (principal.kind === 'staff' ? principal.sub : 'system'), updatedAt: nowIso,
    publishedCompounds: existing?.publishedCompounds ?? 0,
  };
  if (questionsChange) {
    // Snapshots first: until the campaign item below names this qrev, nothing reads them
    // as part of an open campaign (a scheduled campaign takes no submissions).
    const communities = new Map(district.communities.map((c) => [c.id, c]));
    const streets = new Map(district.streets.map((s) => [s.id, s]));
    const companies = new Map(district.companies.map((c) => [c.id, c]));
    const snapshots: CampaignCompoundItem[] = chosen.map((c) => ({
      et: 'campaign-compound', campaignId: id, compoundId: c.id, name: c.name, address: c.address,
      communityId: c.communityId, communityName: communities.get(c.communityId)?.name ?? '', streetId: c.streetId, streetName: streets.get(c.streetId)?.name ?? '',
      companyId: c.contract?.companyId ?? null, companyName: c.contract ? (companies.get(c.contract.companyId)?.name ?? null) : null,
      serviceItems: c.contract?.serviceItems ?? [], qrev,
    }));
    await batchPut(snapshots.map((s) => ({ ...keys.campaignCompound(id, s.compoundId), ...s })));
  }
  try {
    await ddb.send(new TransactWriteCommand({ TransactItems: [
      {
        Put: {
          TableName: tableName(), Item: { ...keys.campaign(id), ...item },
          ConditionExpression: existing ? (questionsChange ? 'rev = :rev AND opensAt > :now' : 'rev = :rev') : 'attribute_not_exists(pk)',
          ExpressionAttributeValues: existing ? { ':rev': existing.rev, ...(questionsChange ? { ':now': nowIso } : {}) } : undefined,
        },
      },
      auditPut(principal, { action: existing ? 'campaign.update' : 'campaign.create', target: `campaign:${id}`, before: existing ? { title: existing.title, opensAt: existing.opensAt, closesAt: existing.closesAt, compounds: existing.compoundIds.length, qrev: existing.qrev } : undefined, after: { title: item.title, opensAt: item.opensAt, closesAt: item.closesAt, compounds: item.compoundIds.length, qrev } }, now),
    ] }));
  } catch (error) {
    if (error instanceof TransactionCanceledException) throw new Conflict('The campaign was changed or opened meanwhile; reload it', 'stale_revision');
    throw error;
  }
  if (existing && questionsChange) {
    const dropped = existing.compoundIds.filter((c) => !body.compoundIds.includes(c));
    for (let i = 0; i < dropped.length; i += 25) {
      await ddb.send(new BatchWriteCommand({ RequestItems: { [tableName()]: dropped.slice(i, i + 25).map((c) => ({ DeleteRequest: { Key: keys.campaignCompound(id, c) } })) } }));
    }
  }
  return { campaign: item, created: !existing };
}

/** Closes an open campaign now; submissions after this moment are refused. */
export async function closeCampaign(id: string, principal: Principal) {
  const campaign = await getCampaign(id, true);
  if (!campaign) throw new NotFound('Campaign');
  const now = new Date();
  if (campaignState(campaign, now.getTime()) !== 'open') throw new Conflict('Only an open campaign can be closed', 'not_open');
  try {
    await ddb.send(new TransactWriteCommand({ TransactItems: [
      { Update: { TableName: tableName(), Key: keys.campaign(id), UpdateExpression: 'SET closesAt = :now, rev = rev + :one, updatedAt = :now', ConditionExpression: 'closesAt > :now AND opensAt <= :now', ExpressionAttributeValues: { ':now': now.toISOString(), ':one': 1 } } },
      auditPut(principal, { action: 'campaign.close', target: `campaign:${id}`, before: { closesAt: campaign.closesAt }, after: { closesAt: now.toISOString() } }, now),
    ] }));
  } catch (error) {
    if (error instanceof TransactionCanceledException) throw new Conflict('The campaign is no longer open', 'not_open');
    throw error;
  }
  return { ...campaign, closesAt: now.toISOString(), rev: campaign.rev + 1 };
}
