// CSV as Excel writes it: UTF-8 with or without BOM, or GB18030/GBK when a Chinese Windows
// Excel saves "CSV (逗号分隔)". TextDecoder knows gb18030 in Node and in browsers, so the
// same code decodes on the page (preview) and in the function.

export type Encoding = 'utf-8' | 'gb18030';

export function decodeCsv(bytes: Uint8Array): { text: string; encoding: Encoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not valid UTF-8: GB18030 is a superset of GBK and GB2312, so one decoder covers them.
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

export interface CsvRow {
  /** 1-based line number where the record starts, as a spreadsheet user counts. */
  line: number;
  cells: string[];
}

/** RFC 4180 records: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let i = 0;
  const endRow = () => {
    cells.push(cell);
    cell = '';
    if (!(cells.length === 1 && cells[0] === '')) rows.push({ line: rowLine, cells });
    cells = [];
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      i++;
      continue;
    }
    if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else cell += ch;
    i++;
  }
  if (cell !== '' || cells.length > 0) endRow();
  return rows;
}

function escapeCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * A cell a spreadsheet would run as a formula starts with = + - @ (or tab, CR, LF, or their
 * full-width forms, which some Excel versions turn into formulas too). A leading apostrophe
 * is guarded as well, so that reading can tell our apostrophe from the data's own.
 */
const GUARDED = /^[=+\-@\t\r\n'\uFF1D\uFF0B\uFF0D\uFF20]/;
/** A plain decimal number such as -12.5 is data, not a formula: it stays a number in the sheet. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/** The cell as written: a leading apostrophe before anything a spreadsheet would run. */
export function guardCell(value: string): string {
  return GUARDED.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

/**
 * The cell as it was before guardCell: exactly one leading apostrophe comes off when a
 * guarded character follows it. guardCell never leaves a cell starting with an apostrophe
 * unguarded, so unguardCell(guardCell(v)) === v for every string v.
 */
export function unguardCell(cell: string): string {
  return cell.startsWith("'") && GUARDED.test(cell.slice(1)) ? cell.slice(1) : cell;
}

/** parseCsv for files toCsv wrote (and spreadsheets saved from them): cells unguarded. */
export function readCsv(text: string): CsvRow[] {
  return parseCsv(text).map((r) => ({ line: r.line, cells: r.cells.map(unguardCell) }));
}

/**
 * Writes CRLF records with a UTF-8 BOM, which Excel on Chinese Windows opens correctly.
 * Every cell is guarded against formula injection (registers and ballots hold whatever an
 * outside spreadsheet held); readCsv takes the guard off again, so export then import is
 * exact.
 */
export function toCsv(rows: string[][]): string {
  return '\uFEFF' + rows.map((r) => r.map((v) => escapeCell(guardCell(v))).join(',')).join('\r\n') + '\r\n';
}
