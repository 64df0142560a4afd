// Another spelling of a building (found by the attacks on the running district): a register
// that writes 1号樓 or 01号楼 for the compound's 1号楼 must not add a second building.
import { describe, expect, it } from 'vitest';
import { buildingCore, similarBuilding } from '../../shared/registry/buildings.ts';

describe('another spelling of a building', () => {
  it('is recognised for full-width digits, spaces, traditional and mixed suffixes, leading zeros', () => {
    for (const spelling of ['１号楼', '1 号楼', '1栋', '1号樓', '1號楼', '1號樓', '01号楼', '1幢楼', '1幢', '1座', '1#楼', '1＃楼', '①号楼', '1号']) {
      expect(similarBuilding(spelling, ['1号楼', '2号楼']), spelling).toBe('1号楼');
    }
  });

  it('keeps different buildings apart', () => {
    for (const other of ['10号楼', '11号楼', '1-1号楼', 'A座', '1单元', '101号楼']) expect(similarBuilding(other, ['1号楼']), other).toBeNull();
    expect(similarBuilding('1号楼', ['1号楼'])).toBeNull();
    expect(buildingCore('B座')).toBe(buildingCore('Ｂ座'));
    expect(buildingCore('综合楼')).toBe('综合');
    expect(similarBuilding('综合楼', ['综合楼'])).toBeNull();
  });
});
