// Owners' committee formation (the district dashboard's figure): how many compounds in a
// scope have a committee, the rate, and the growth since the start of the year. Rates are
// per mille, rounded once, half up, as every published figure is (shared/ratings/aggregate.ts).
import { ratio } from '../ratings/aggregate.ts';

export interface FormationInput { compounds: { id: string; communityId: string }[]; committees: { compoundId: string; formedAt: string }[]; yearStart: string }

export function formation({ compounds, committees, yearStart }: FormationInput) {
  const ids = new Set(compounds.map((c) => c.id));
  const formed = committees.filter((i) => ids.has(i.compoundId));
  const formedIds = new Set(formed.map((f) => f.compoundId));
  const before = formed.filter((i) => i.formedAt < yearStart).length;
  const byCommunity = new Map<string, { compounds: number; withCommittee: number }>();
  for (const c of compounds) {
    const row = byCommunity.get(c.communityId) ?? { compounds: 0, withCommittee: 0 };
    row.compounds++;
    if (formedIds.has(c.id)) row.withCommittee++;
    byCommunity.set(c.communityId, row);
  }
  return {
    compounds: compounds.length,
    withCommittee: formed.length,
    ratePermille: ratio(formed.length, compounds.length),
    atYearStart: before,
    growthPermille: ratio(formed.length - before, before),
    communities: [...byCommunity.entries()].map(([communityId, r]) => ({ communityId, ...r })),
  };
}
