import { describe, expect, it } from 'vitest';
import type { Principal } from '../../shared/access.ts';
import { buildTree } from '../../shared/registry/tree.ts';
import { demoDistrict } from '../../infra/local/demo-district.ts';

const d = demoDistrict();
const input = { ...d, compounds: d.compounds.map((c) => ({ ...c, currentVersion: 0, unitCount: 10, ownerHeads: 9, totalAreaHundredths: 100 })) };
const staff = (role: Extract<Principal, { kind: 'staff' }>['role'], scopeId: string): Principal => ({ kind: 'staff', sub: 'u', role, scopeId, name: '' });

describe('district tree', () => {
  it('shows the whole Shinan-like district to the public and to a district admin', () => {
    for (const viewer of [{ kind: 'public' } as Principal, staff('district_admin', 'district')]) {
      const tree = buildTree(input, viewer);
      expect(tree.counts).toMatchObject({ streets: 10, communities: 50, compounds: 238, grids: 505, units: 2380 });
      expect(tree.streets.flatMap((s) => s.communities).flatMap((c) => c.compounds)).toHaveLength(238);
    }
  });

  it('cuts the tree to the caller\'s scope', () => {
    for (const community of d.communities) {
      const tree = buildTree(input, staff('community_staff', community.id));
      const compounds = tree.streets.flatMap((s) => s.communities).flatMap((c) => c.compounds);
      expect(compounds.map((c) => c.id).sort()).toEqual(d.compounds.filter((c) => c.communityId === community.id).map((c) => c.id).sort());
      expect(tree.counts.communities).toBe(1);
    }
    const street = d.streets[3]!;
    const streetTree = buildTree(input, staff('street_staff', street.id));
    expect(streetTree.streets.map((s) => s.id)).toEqual([street.id]);
    const compound = d.compounds[17]!;
    const mine = buildTree(input, staff('committee', compound.id));
    expect(mine.streets.flatMap((s) => s.communities).flatMap((c) => c.compounds).map((c) => c.id)).toEqual([compound.id]);
    expect(buildTree(input, staff('department', 'dep1')).counts.compounds).toBe(0);
  });

  it('names the compounds and communities the article names', () => {
    const names = new Set([...d.communities.map((c) => c.name), ...d.compounds.map((c) => c.name), ...d.streets.map((s) => s.name)]);
    for (const n of ['中山路街道', '云南路街道', '八大关街道', '八大湖街道', '金湖路街道', '金口路社区', '西藏路社区', '辛家庄社区', '秀湛路社区', '安庆路16号小区', '中城嘉汇小区', '浮山花园小区']) {
      expect(names.has(n), n).toBe(true);
    }
  });

  it('generates the same district from the same seed', () => {
    expect(demoDistrict()).toEqual(d);
  });
});
