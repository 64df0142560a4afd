// The 'campaign' scope rule: a campaign spans many compounds. Reading it needs one of them in
// the caller's scope (the handler then shows only those); changing it needs all of them,
// both the ones it has and the ones a body gives it.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { inScope, type Principal } from '../../shared/access.ts';
import { BadRequest, Forbidden, NotFound } from '../../shared/errors.ts';
import { compoundAncestry } from './ancestry.ts';
import { ddb, tableName } from './clients.ts';
import { keys } from './keys.ts';

export async function checkCampaignScope(principal: Extract<Principal, { kind: 'staff' }>, campaignId: string, bodyCompoundIds: string[] | null, write: boolean): Promise<void> {
  // The whole district is a district admin's scope: no lookups (a district-wide campaign has
  // hundreds of compounds); the campaign store still refuses unknown compounds.
  if (principal.role === 'district_admin') return;
  const { Item } = await ddb.send(new GetCommand({ TableName: tableName(), Key: keys.campaign(campaignId), ProjectionExpression: 'compoundIds' }));
  const stored = (Item?.compoundIds as string[] | undefined) ?? null;
  if (!stored && !bodyCompoundIds) throw new NotFound('Campaign');
  const ancestries = async (ids: string[]) => Promise.all(ids.map(async (id) => ({ id, a: await compoundAncestry(id) })));
  if (bodyCompoundIds) {
    const given = await ancestries(bodyCompoundIds);
    const unknown = given.filter((g) => !g.a);
    if (unknown.length) throw new BadRequest('Unknown compounds', unknown.map((u) => ({ path: 'body.compoundIds', reason: `${u.id} is not a compound of this district` })));
    if (!given.every((g) => inScope(principal, g.a!))) throw new Forbidden('Every compound of the campaign must be within your scope');
  }
  if (stored) {
    const have = (await ancestries(stored)).filter((g) => g.a);
    const mine = have.filter((g) => inScope(principal, g.a!)).length;
    if (write ? mine < have.length : mine === 0) throw new Forbidden(write ? 'Every compound of the campaign must be within your scope' : 'No compound of this campaign is within your scope');
  }
}
