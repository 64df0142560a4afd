import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseCsv, toCsv } from '../../shared/registry/csv.ts';
import { AREA_SOURCES, canonicalRegister, parseRegister, registerToCells, registerTotals, type RegisterRow } from '../../shared/registry/register.ts';

const BUILDINGS = ['1号楼', '2号楼', '3号楼'];
const HEADER = '楼栋,房号,专有面积,面积来源,业主姓名,业主编号,联系电话,开发商未售';

const rowArb: fc.Arbitrary<RegisterRow> = fc.record({
  building: fc.constantFrom(...BUILDINGS),
  unit: fc.stringMatching(/^[1-3]-[1-9]0[1-4]$/),
  areaHundredths: fc.integer({ min: 1, max: 5_000_000 }),
  areaSource: fc.constantFrom(...AREA_SOURCES),
  ownerName: fc.constantFrom('张三', '李四', '王五', '赵六'),
  ownerRef: fc.constantFrom('', 'O1', 'O2', 'O3'),
  phone: fc.constantFrom('', '13800000001', '13900000002'),
  developerUnsold: fc.boolean(),
}).map((r) => (r.developerUnsold ? { ...r, ownerName: '', ownerRef: '', phone: '' } : r));

const uniqueRows = fc.uniqueArray(rowArb, { selector: (r) => `${r.building}#${r.unit}`, minLength: 1, maxLength: 40 });

describe('owners\' register', () => {
  it('reads back exactly the rows it exports', () => {
    fc.assert(fc.property(uniqueRows, (rows) => {
      const parsed = parseRegister(toCsv(registerToCells(rows)).replace(/^\uFEFF/, ''), BUILDINGS);
      expect(parsed.issues).toEqual([]);
      expect(canonicalRegister(parsed.rows)).toBe(canonicalRegister(rows));
    }));
  });

  it('exports names a spreadsheet would run as formulas guarded, and reads them back as they were', () => {
    const odd = ['=SUM(A1)', '-1号楼', '@x', "'1号楼", "''楼", '+2号楼', '-12.5', '\uFF1D1'];
    const oddRows = fc.uniqueArray(fc.record({
      building: fc.constantFrom(...odd),
      unit: fc.constantFrom('-101', '=1-101', '@1', "'1-102", '1-103', '-2'),
      areaHundredths: fc.integer({ min: 1, max: 5_000_000 }),
      areaSource: fc.constantFrom(...AREA_SOURCES),
      ownerName: fc.constantFrom('=HYPERLINK("http://x","点我")', "-cmd|' /C calc'!A0", '@张三', "'李四", '王五'),
      ownerRef: fc.constantFrom('', '-5', '+O1', '@O2', "'O3"),
      phone: fc.constantFrom('', '13800000001'),
      developerUnsold: fc.constant(false),
    }), { selector: (r) => `${r.building}#${r.unit}`, minLength: 1, maxLength: 30 });
    fc.assert(fc.property(oddRows, (rows) => {
      const csv = toCsv(registerToCells(rows)).replace(/^\uFEFF/, '');
      for (const cell of parseCsv(csv).flatMap((r) => r.cells)) {
        expect(cell).not.toMatch(/^[=+@\t\r\uFF1D\uFF0B\uFF20]/);
        if (cell.startsWith('-')) expect(cell).toMatch(/^-\d+(\.\d+)?$/);
      }
      const parsed = parseRegister(csv, odd);
      expect(parsed.issues).toEqual([]);
      expect(canonicalRegister(parsed.rows)).toBe(canonicalRegister(rows));
    }));
  });

  it('totals and the canonical form do not depend on row order', () => {
    fc.assert(fc.property(uniqueRows.chain((rows) => fc.tuple(fc.constant(rows), fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length }))), ([rows, shuffled]) => {
      expect(registerTotals(shuffled)).toEqual(registerTotals(rows));
      expect(canonicalRegister(shuffled)).toBe(canonicalRegister(rows));
    }));
  });

  it('counts heads by the legal rules: one per buyer, the developer\'s unsold units as one', () => {
    fc.assert(fc.property(uniqueRows, (rows) => {
      const t = registerTotals(rows);
      const buyers = new Set(rows.filter((r) => !r.developerUnsold).map((r) => (r.ownerRef ? `ref:${r.ownerRef}` : `name:${r.ownerName}|${r.phone}`)));
      expect(t.ownerHeads).toBe(buyers.size + (rows.some((r) => r.developerUnsold) ? 1 : 0));
      expect(t.ownerHeads).toBeLessThanOrEqual(t.unitCount);
      expect(t.totalAreaHundredths).toBe(rows.reduce((s, r) => s + r.areaHundredths, 0));
      expect(Object.values(t.areaBySource).reduce((a, b) => a + b, 0)).toBe(t.totalAreaHundredths);
    }));
  });

  it('a buyer of three units is one head; unsold units of the developer are one head together', () => {
    const csv = [HEADER,
      '1号楼,1-101,90,不动产登记,张三,O1,13800000001,否',
      '1号楼,1-102,90,不动产登记,张三,O1,13800000001,否',
      '2号楼,1-101,90,实测,张三,O1,,否',
      '2号楼,1-102,80.5,合同,李四,,13900000002,否',
      '3号楼,1-101,100,不动产登记,,,,是',
      '3号楼,1-102,100,不动产登记,,,,是'].join('\n');
    const { rows, issues } = parseRegister(csv, BUILDINGS);
    expect(issues).toEqual([]);
    expect(registerTotals(rows)).toMatchObject({ unitCount: 6, ownerHeads: 3, developerUnsoldUnits: 2, totalAreaHundredths: 55050 });
  });

  it('reports every problem with its line and column and returns no rows', () => {
    const csv = [HEADER,
      '1号楼,1-101,90,不动产登记,张三,,13800000001,否',
      '1号楼,1-101,91,不动产登记,李四,,,否',
      '9号楼,1-102,abc,估算,王五,,1234,否',
      ',,,,,,,',
      '2号楼,1-103,12.345,实测,,,,也许',
      '2号楼,1-104,0,实测,赵六,,,否'].join('\r\n');
    const { rows, issues } = parseRegister(csv, BUILDINGS);
    expect(rows).toEqual([]);
    const got = issues.map((i) => `${i.line}:${i.column}:${i.code}`);
    // The duplicate names the line it repeats; the unknown building names the ones the compound has.
    expect(issues.find((i) => i.code === 'duplicate_unit')).toMatchObject({ line: 3, firstLine: 2, value: '1号楼 1-101' });
    expect(issues.find((i) => i.code === 'building_unknown')).toMatchObject({ line: 4, value: '9号楼', accepted: [...BUILDINGS] });
    expect(got).toEqual(expect.arrayContaining([
      '3:房号:duplicate_unit',
      '4:楼栋:building_unknown', '4:专有面积:area_invalid', '4:面积来源:area_source_invalid', '4:联系电话:phone_invalid',
      '5:楼栋:building_missing', '5:房号:unit_missing', '5:专有面积:area_missing',
      '6:专有面积:area_too_precise', '6:开发商未售:developer_flag_invalid',
      '7:专有面积:area_not_positive',
    ]));
    expect(issues.some((i) => i.line === 2)).toBe(false);
  });

  it('refuses a row with more or fewer fields than the header, with its line, instead of shifting its values', () => {
    // Tried: an unquoted comma inside a name (one field too many) and a row cut short.
    const csv = `${HEADER}\n1号楼,1-101,85.5,实测,张三,,,否\n1号楼,1-102,90,实测,李四,王五,,,否\n1号楼,1-103,90,实测\n`;
    const { rows, issues } = parseRegister(csv, BUILDINGS);
    expect(rows).toEqual([]);
    expect(issues.map((i) => [i.line, i.code])).toEqual([[3, 'field_count'], [4, 'field_count']]);
    expect(issues[0]!.message).toContain('9 fields; the header has 8');
  });

  it('names a missing column once, at the header', () => {
    const { issues } = parseRegister('楼栋,房号,业主姓名\n1号楼,1-101,张三\n', BUILDINGS);
    expect(issues.map((i) => `${i.line}:${i.column}:${i.code}`)).toEqual(['1:专有面积:missing_column', '1:面积来源:missing_column']);
  });

  it('accepts English headers and any column order', () => {
    const csv = 'unit,building,areaSource,area,ownerName\n1-101,1号楼,实测,88.8,张三\n';
    const { rows, issues } = parseRegister(csv, BUILDINGS);
    expect(issues).toEqual([]);
    expect(rows[0]).toMatchObject({ building: '1号楼', unit: '1-101', areaHundredths: 8880 });
  });

  it('an empty file or a header alone is one clear issue', () => {
    expect(parseRegister('', BUILDINGS).issues[0]?.code).toBe('empty_file');
    expect(parseRegister(HEADER + '\n', BUILDINGS).issues[0]?.code).toBe('empty_file');
  });

  it('refuses invisible and control characters and line breaks in building, unit and owner names, with the line', () => {
    const cases: [string, string][] = [['\u202E', 'U+202E'], ['\u2066', 'U+2066'], ['\u200B', 'U+200B'], ['\uFEFF', 'U+FEFF'], ['\u0000', 'U+0000'], ['\u0007', 'U+0007'], ['\u0090', 'U+0090'], ['\uD800', 'U+D800']];
    for (const [char, codePoint] of cases) {
      const csv = [HEADER,
        '1号楼,1-101,90,不动产登记,张三,,,否',
        `1号${char}楼,1-102,90,不动产登记,李四,,,否`,
        `2号楼,1-${char}103,90,不动产登记,王五,,,否`,
        `2号楼,1-104,90,不动产登记,赵${char}六,O${char}9,,否`].join('\n');
      const { rows, issues } = parseRegister(csv, BUILDINGS);
      expect(rows).toEqual([]);
      expect(issues.map((i) => `${i.line}:${i.column}:${i.code}`)).toEqual(['3:楼栋:character_not_allowed', '4:房号:character_not_allowed', '5:业主姓名:character_not_allowed', '5:业主编号:character_not_allowed']);
      for (const i of issues) expect(i.message).toContain(codePoint);
    }
  });

  it('refuses a line break inside a quoted name, at the line where the record starts', () => {
    const csv = [HEADER, '1号楼,1-101,90,不动产登记,张三,,,否', '1号楼,1-102,90,不动产登记,"李\n四",,,否', '1号楼,1-103,90,不动产登记,"王\u2028五",,,否'].join('\n');
    const { issues } = parseRegister(csv, BUILDINGS);
    expect(issues.map((i) => `${i.line}:${i.column}:${i.code}`)).toEqual(['3:业主姓名:character_not_allowed', '5:业主姓名:character_not_allowed']);
    expect(issues[0]!.message).toContain('U+000A');
    expect(issues[1]!.message).toContain('U+2028');
  });

  it('refuses # in building and unit names (they are parts of keys), so a#b + c cannot be a + b#c', () => {
    const csv = [HEADER, 'a#b,c,90,不动产登记,张三,,,否', 'a,b#c,90,不动产登记,李四,,,否', '1号楼,1-101,90,不动产登记,王#五,,,否'].join('\n');
    const { rows, issues } = parseRegister(csv, ['a#b', 'a', '1号楼']);
    expect(rows).toEqual([]);
    expect(issues.map((i) => `${i.line}:${i.column}:${i.code}`)).toEqual(['2:楼栋:character_not_allowed', '3:房号:character_not_allowed']);
    expect(issues[0]!.message).toContain('U+0023');
  });

  it('normalises names to NFC, so a decomposed building is the compound\'s composed one', () => {
    const csv = [HEADER, 'A\u030A栋,1-101,90,不动产登记,Jose\u0301,,,否', '\u00C5栋,1-101,90,不动产登记,张三,,,否'].join('\n');
    const dup = parseRegister(csv, ['\u00C5栋']);
    expect(dup.issues.map((i) => `${i.line}:${i.column}:${i.code}`)).toEqual(['3:房号:duplicate_unit']);
    const { rows, issues } = parseRegister(csv.split('\n').slice(0, 2).join('\n'), ['\u00C5栋']);
    expect(issues).toEqual([]);
    expect(rows[0]).toMatchObject({ building: '\u00C5栋', ownerName: 'Jos\u00E9' });
  });

  it('never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (text) => {
      const r = parseRegister(HEADER + '\n' + text, BUILDINGS);
      expect(r.rows.length === 0 || r.issues.length === 0).toBe(true);
    }));
  });
});
