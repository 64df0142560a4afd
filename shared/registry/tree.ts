// The district tree as pages show it, with counts, cut down to what a principal may see.
// Pure, so the public page and the staff page are the same function with another filter.
import { inScope, type Principal } from '../access.ts';

export interface StreetIn { id: string; name: string }
export interface CommunityIn { id: string; name: string; streetId: string; class: string }
export interface CompoundIn {
  id: string; name: string; communityId: string; streetId: string; buildings: string[]; gridIds: string[];
  currentVersion: number; unitCount: number; ownerHeads: number; totalAreaHundredths: number;
  contract: { companyId: string } | null;
}
export interface GridIn { id: string; communityId: string }
export interface CompanyIn { id: string; name: string }

export interface TreeCompound {
  id: string; name: string; buildings: number; grids: number; registerVersion: number;
  units: number; ownerHeads: number; areaHundredths: number; company: string | null;
}
export interface TreeCommunity { id: string; name: string; class: string; grids: number; compounds: TreeCompound[] }
export interface TreeStreet { id: string; name: string; communities: TreeCommunity[] }
export interface TreeCounts { streets: number; communities: number; compounds: number; grids: number; units: number; ownerHeads: number }
export interface DistrictTree { streets: TreeStreet[]; counts: TreeCounts }

export function buildTree(
  input: { streets: StreetIn[]; communities: CommunityIn[]; compounds: CompoundIn[]; grids: GridIn[]; companies: CompanyIn[] },
  viewer: Principal,
): DistrictTree {
  const visible = (c: { id?: string; communityId: string; streetId: string }) =>
    viewer.kind === 'public' ||
    (viewer.kind === 'staff' && inScope(viewer, { compoundId: c.id, communityId: c.communityId, streetId: c.streetId })) ||
    (viewer.kind === 'resident' && c.id === viewer.compoundId);
  const companyName = new Map(input.companies.map((c) => [c.id, c.name]));
  const gridsByCommunity = new Map<string, number>();
  for (const g of input.grids) gridsByCommunity.set(g.communityId, (gridsByCommunity.get(g.communityId) ?? 0) + 1);
  const compoundsByCommunity = new Map<string, TreeCompound[]>();
  const counts: TreeCounts = { streets: 0, communities: 0, compounds: 0, grids: 0, units: 0, ownerHeads: 0 };
  for (const c of [...input.compounds].sort((a, b) => a.id.localeCompare(b.id))) {
    if (!visible(c)) continue;
    const list = compoundsByCommunity.get(c.communityId) ?? [];
    list.push({
      id: c.id, name: c.name, buildings: c.buildings.length, grids: c.gridIds.length, registerVersion: c.currentVersion,
      units: c.unitCount, ownerHeads: c.ownerHeads, areaHundredths: c.totalAreaHundredths,
      company: c.contract ? (companyName.get(c.contract.companyId) ?? null) : null,
    });
    compoundsByCommunity.set(c.communityId, list);
    counts.compounds++;
    counts.units += c.unitCount;
    counts.ownerHeads += c.ownerHeads;
  }
  const streets: TreeStreet[] = [];
  for (const s of input.streets) {
    const communities: TreeCommunity[] = [];
    for (const m of input.communities.filter((x) => x.streetId === s.id).sort((a, b) => a.id.localeCompare(b.id))) {
      const compounds = compoundsByCommunity.get(m.id) ?? [];
      // Committee users see the community that holds their compound, nothing beside it.
      const seesCommunity = visible({ communityId: m.id, streetId: s.id }) || compounds.length > 0;
      if (!seesCommunity) continue;
      const grids = gridsByCommunity.get(m.id) ?? 0;
      communities.push({ id: m.id, name: m.name, class: m.class, grids, compounds });
      counts.communities++;
      counts.grids += grids;
    }
    if (communities.length === 0) continue;
    streets.push({ id: s.id, name: s.name, communities });
    counts.streets++;
  }
  return { streets, counts };
}
