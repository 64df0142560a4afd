import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeCsv, parseCsv, toCsv } from '../../shared/registry/csv.ts';

const cell = fc.string({ unit: fc.constantFrom('a', '楼', ',', '"', '\n', '\r\n', ' ', '1', '號', '𠮷'), maxLength: 12 });

describe('CSV', () => {
  it('parses back what it writes, whatever the cells hold (commas, quotes, line breaks)', () => {
    fc.assert(fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 8 }), (rows) => {
      const { text } = decodeCsv(new TextEncoder().encode(toCsv(rows)));
      const parsed = parseCsv(text).map((r) => r.cells);
      // A row of one empty cell is a blank line, which the parser skips by design.
      expect(parsed).toEqual(rows.filter((r) => !(r.length === 1 && r[0] === '')));
    }));
  });

  it('reports the line where each record starts, counting line breaks inside quotes', () => {
    const rows = parseCsv('a,b\r\n"x\ny",2\r\nz,3\r\n');
    expect(rows.map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it('decodes UTF-8 with BOM, without BOM, and GB18030 as Excel on Chinese Windows saves it', () => {
    const utf8 = new TextEncoder().encode('楼栋,房号\n');
    expect(decodeCsv(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toEqual({ text: '楼栋,房号\n', encoding: 'utf-8' });
    expect(decodeCsv(utf8)).toEqual({ text: '楼栋,房号\n', encoding: 'utf-8' });
    const gbk = decodeCsv(readFileSync(new URL('../fixtures/register-gbk.csv', import.meta.url)));
    expect(gbk.encoding).toBe('gb18030');
    expect(gbk.text.split('\r\n')[0]).toBe('楼栋,房号,专有面积,面积来源,业主姓名,业主编号,联系电话,开发商未售');
    expect(gbk.text).toContain('张三');
  });

  it('guards open-data cells a spreadsheet would run as formulas, and leaves numbers and the register alone', () => {
    const rows = [['=HYPERLINK("http://x","点我")', '+1', '-3.5', '@SUM(A1)', '安庆路16号小区', '12.5']];
    const guarded = parseCsv(toCsv(rows, { guardFormulas: true }).replace(/^\uFEFF/, ''))[0]!.cells;
    expect(guarded).toEqual(['\'=HYPERLINK("http://x","点我")', "'+1", '-3.5', "'@SUM(A1)", '安庆路16号小区', '12.5']);
    expect(parseCsv(toCsv(rows).replace(/^\uFEFF/, ''))[0]!.cells).toEqual(rows[0]);
  });
});
