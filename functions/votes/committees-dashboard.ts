import { inScope } from '../../shared/access.ts';
import { routes } from '../manifest.ts';
import { httpHandler } from '../lib/http.ts';
import { loadDistrict } from '../registry/district-store.ts';
import { committeeIndex } from './election-store.ts';

/**
 * Committee formation in the caller's scope: how many compounds have an owners' committee,
 * the rate, and how the count grew since the start of this year (the article reports +56%).
 */
export const handler = httpHandler(routes.committeesDashboard, async (_input, { principal }) => {
  const [district, index] = await Promise.all([loadDistrict(), committeeIndex()]);
  const compounds = district.compounds.filter((c) => principal.kind === 'staff' && inScope(principal, { compoundId: c.id, communityId: c.communityId, streetId: c.streetId }));
  const ids = new Set(compounds.map((c) => c.id));
  const formed = index.filter((i) => ids.has(i.compoundId));
  const yearStart = `${new Date().getUTCFullYear()}-01-01`;
  const before = formed.filter((i) => i.formedAt < yearStart).length;
  const byCommunity = new Map<string, { compounds: number; withCommittee: number }>();
  const formedIds = new Set(formed.map((f) => f.compoundId));
  for (const c of compounds) {
    const row = byCommunity.get(c.communityId) ?? { compounds: 0, withCommittee: 0 };
    row.compounds++;
    if (formedIds.has(c.id)) row.withCommittee++;
    byCommunity.set(c.communityId, row);
  }
  return {
    compounds: compounds.length,
    withCommittee: formed.length,
    /** Per mille, rounded half up, as the rating figures are. */
    ratePermille: compounds.length ? Math.floor((formed.length * 1000 * 2 + compounds.length) / (2 * compounds.length)) : 0,
    atYearStart: before,
    growthPermille: before ? Math.floor(((formed.length - before) * 2000 + before) / (2 * before)) : null,
    communities: [...byCommunity.entries()].map(([communityId, r]) => ({ communityId, ...r })),
  };
});
