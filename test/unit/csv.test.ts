import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeCsv, guardCell, parseCsv, readCsv, toCsv, unguardCell } from '../../shared/registry/csv.ts';

const cell = fc.string({ unit: fc.constantFrom('a', '楼', ',', '"', '\n', '\r\n', ' ', '1', '號', '𠮷', '=', '+', '-', '@', "'", '\t', '.', '\uFF1D'), maxLength: 12 });
/** Any cell at all, and often one that starts with a character a spreadsheet reacts to. */
const anyCell = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 10 }), fc.tuple(fc.constantFrom('=', '+', '-', '@', "'", "''", '\t', '\r', '\n', '-1', '-1.5', '\uFF0B', ''), fc.string({ maxLength: 8 })).map(([a, b]) => a + b), fc.double({ noNaN: true }).map(String));
const blankRow = (r: string[]) => r.length === 1 && r[0] === '';

describe('CSV', () => {
  it('parses back what it writes, whatever the cells hold (commas, quotes, line breaks)', () => {
    fc.assert(fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 8 }), (rows) => {
      const { text } = decodeCsv(new TextEncoder().encode(toCsv(rows)));
      const parsed = readCsv(text).map((r) => r.cells);
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

  it('guards every cell a spreadsheet would run, and reads back exactly what it wrote', () => {
    fc.assert(fc.property(fc.array(fc.array(anyCell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 6 }), (rows) => {
      const written = toCsv(rows);
      const raw = parseCsv(written.replace(/^\uFEFF/, '')).map((r) => r.cells);
      for (const c of raw.flat()) {
        expect(c).not.toMatch(/^[=+@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/);
        // A minus only starts a plain number, which is data (and stays a number in the sheet).
        if (c.startsWith('-')) expect(c).toMatch(/^-\d+(\.\d+)?$/);
      }
      expect(raw.map((r) => r.map(unguardCell))).toEqual(rows.filter((r) => !blankRow(r)));
      expect(readCsv(decodeCsv(new TextEncoder().encode(written)).text).map((r) => r.cells)).toEqual(rows.filter((r) => !blankRow(r)));
    }), { numRuns: 300 });
  });

  it('takes exactly one apostrophe off, and only the one it put there', () => {
    fc.assert(fc.property(anyCell, (v) => {
      expect(unguardCell(guardCell(v))).toBe(v);
    }));
    const rows = [['=HYPERLINK("http://x","点我")', '+1', '-3.5', '@SUM(A1)', '安庆路16号小区', '12.5', "'=SUM(A1)", "'", "it's", '-1号楼', '-12.5', '\tx']];
    const raw = parseCsv(toCsv(rows).replace(/^\uFEFF/, ''))[0]!.cells;
    expect(raw).toEqual(['\'=HYPERLINK("http://x","点我")', "'+1", '-3.5', "'@SUM(A1)", '安庆路16号小区', '12.5', "''=SUM(A1)", "''", "it's", "'-1号楼", '-12.5', "'\tx"]);
    expect(readCsv(toCsv(rows).replace(/^\uFEFF/, ''))[0]!.cells).toEqual(rows[0]);
    // An apostrophe a person typed before ordinary text is theirs and stays.
    expect(readCsv("'abc,'1号楼\n")[0]!.cells).toEqual(["'abc", "'1号楼"]);
  });
});
