// The owners' register (业主名册) of one compound: columns, row validation and the legal
// head/area totals (Supreme People's Court interpretation on building ownership, arts. 8-9).
import { parseArea, formatArea } from '../area.ts';
import { isValidPhone, normalizePhone } from '../privacy.ts';
import { cleanText, refusedCharacter, type TextKind } from '../text-rules.ts';
import { readCsv, type CsvRow } from './csv.ts';

export const AREA_SOURCES = ['不动产登记', '实测', '合同'] as const;
export type AreaSource = (typeof AREA_SOURCES)[number];

/** Columns in file order. Chinese headers are canonical; the English keys are accepted too. */
export const REGISTER_COLUMNS = [
  { key: 'building', header: '楼栋', required: true },
  { key: 'unit', header: '房号', required: true },
  { key: 'area', header: '专有面积', required: true },
  { key: 'areaSource', header: '面积来源', required: true },
  { key: 'ownerName', header: '业主姓名', required: false },
  { key: 'ownerRef', header: '业主编号', required: false },
  { key: 'phone', header: '联系电话', required: false },
  { key: 'developerUnsold', header: '开发商未售', required: false },
] as const;
export type RegisterColumn = (typeof REGISTER_COLUMNS)[number]['key'];

export const MAX_REGISTER_ROWS = 20_000;

export interface RegisterRow {
  building: string;
  unit: string;
  areaHundredths: number;
  areaSource: AreaSource;
  ownerName: string;
  ownerRef: string;
  phone: string;
  developerUnsold: boolean;
}

export type RegisterIssueCode =
  | 'empty_file'
  | 'missing_column'
  | 'field_count'
  | 'too_many_rows'
  | 'unit_missing'
  | 'building_missing'
  | 'building_unknown'
  | 'duplicate_unit'
  | 'area_missing'
  | 'area_invalid'
  | 'area_too_precise'
  | 'area_not_positive'
  | 'area_too_large'
  | 'area_source_invalid'
  | 'owner_missing'
  | 'phone_invalid'
  | 'developer_flag_invalid'
  /** A control, format or zero-width character, a line break, or # in a building or unit. */
  | 'character_not_allowed';

export interface RegisterIssue {
  line: number;
  column: string;
  code: RegisterIssueCode;
  message: string;
  /** building_unknown: the name in the file, and the names the compound has. */
  value?: string;
  accepted?: string[];
  /** duplicate_unit: the line that first has the unit. */
  firstLine?: number;
}

export interface RegisterParse {
  rows: RegisterRow[];
  issues: RegisterIssue[];
}

const YES = new Set(['是', 'y', 'yes', 'true', '1']);
const NO = new Set(['', '否', 'n', 'no', 'false', '0']);

function headerIndex(header: string[]): Map<RegisterColumn, number> {
  const index = new Map<RegisterColumn, number>();
  header.forEach((raw, i) => {
    const name = raw.trim().toLowerCase().replace(/^\uFEFF/, '');
    const column = REGISTER_COLUMNS.find(
      (c) => c.header === name || c.key.toLowerCase() === name,
    );
    if (column && !index.has(column.key)) index.set(column.key, i);
  });
  return index;
}

export function unitKey(building: string, unit: string): string {
  return `${building}#${unit}`;
}

/**
 * Validates every row and reports every problem with its line and column, so that a
 * committee member can fix the whole spreadsheet in one pass. Rows come back only if
 * there are no issues: the register is all-or-nothing.
 */
export function parseRegister(text: string, knownBuildings: readonly string[]): RegisterParse {
  // Cells as exported: toCsv's formula guard comes off again (readCsv).
  const records = readCsv(text);
  const issues: RegisterIssue[] = [];
  const [header, ...body] = records;
  if (!header || body.length === 0) {
    return {
      rows: [],
      issues: [{ line: 1, column: '', code: 'empty_file', message: 'The file has no data rows' }],
    };
  }
  const index = headerIndex(header.cells);
  for (const c of REGISTER_COLUMNS) {
    if (c.required && !index.has(c.key)) {
      issues.push({ line: header.line, column: c.header, code: 'missing_column', message: `Column ${c.header} is missing` });
    }
  }
  if (issues.length > 0) return { rows: [], issues };
  if (body.length > MAX_REGISTER_ROWS) {
    return {
      rows: [],
      issues: [{ line: header.line, column: '', code: 'too_many_rows', message: `At most ${MAX_REGISTER_ROWS} rows per file` }],
    };
  }
  const buildings = new Set(knownBuildings);
  const seen = new Map<string, number>();
  const rows: RegisterRow[] = [];
  for (const record of body) {
    // A row with more or fewer fields than the header (a comma typed into a name, a cell
    // dropped) would shift its values into other columns: refused, never guessed.
    if (record.cells.length !== header.cells.length) {
      issues.push({ line: record.line, column: '', code: 'field_count', message: `This row has ${record.cells.length} fields; the header has ${header.cells.length} (a comma inside a value must be quoted)` });
      continue;
    }
    const rowIssues = validateRow(record, index, buildings, seen, rows);
    issues.push(...rowIssues);
  }
  return issues.length > 0 ? { rows: [], issues } : { rows, issues };
}

function validateRow(
  record: CsvRow,
  index: Map<RegisterColumn, number>,
  buildings: Set<string>,
  seen: Map<string, number>,
  rows: RegisterRow[],
): RegisterIssue[] {
  const get = (key: RegisterColumn) => {
    const i = index.get(key);
    return i === undefined ? '' : (record.cells[i] ?? '').trim();
  };
  const issues: RegisterIssue[] = [];
  const issue = (column: RegisterColumn, code: RegisterIssueCode, message: string, extra: Partial<RegisterIssue> = {}) =>
    issues.push({ line: record.line, column: REGISTER_COLUMNS.find((c) => c.key === column)!.header, code, message, ...extra });

  // Names as the schemas take them (text-rules.ts): NFC, and no invisible or control
  // characters, line breaks, or # in building and unit (they are parts of sort keys).
  const named = (key: RegisterColumn, kind: TextKind): string | null => {
    const value = cleanText(get(key), kind);
    const refused = refusedCharacter(value, kind);
    if (refused) issue(key, 'character_not_allowed', refused.message);
    return refused ? null : value;
  };
  const building = named('building', 'key');
  const unit = named('unit', 'key');
  if (building === '') issue('building', 'building_missing', 'Building is empty');
  else if (building !== null && !buildings.has(building)) {
    // The names it would take, so the person can correct the file or add the building.
    const accepted = [...buildings];
    issue('building', 'building_unknown', `Building ${building} is not in this compound`, { value: building, accepted });
  }
  if (unit === '') issue('unit', 'unit_missing', 'Unit number is empty');
  if (building && unit) {
    const key = unitKey(building, unit);
    const first = seen.get(key);
    if (first !== undefined) issue('unit', 'duplicate_unit', `Unit ${building} ${unit} already appears on line ${first}`, { value: `${building} ${unit}`, firstLine: first });
    else seen.set(key, record.line);
  }

  const area = parseArea(get('area'));
  if (!area.ok) {
    const code = ({
      missing: 'area_missing',
      not_a_number: 'area_invalid',
      too_precise: 'area_too_precise',
      not_positive: 'area_not_positive',
      too_large: 'area_too_large',
    } as const)[area.reason];
    issue('area', code, `Area must be a positive number of m² with at most 2 decimals (${area.reason})`);
  }
  const areaSource = get('areaSource');
  if (!(AREA_SOURCES as readonly string[]).includes(areaSource)) {
    issue('areaSource', 'area_source_invalid', `Area source must be one of ${AREA_SOURCES.join(' / ')}`);
  }

  const flag = get('developerUnsold').toLowerCase();
  const developerUnsold = YES.has(flag);
  if (!developerUnsold && !NO.has(flag)) issue('developerUnsold', 'developer_flag_invalid', 'Developer-unsold must be 是 or 否');
  const ownerName = named('ownerName', 'name');
  const ownerRef = named('ownerRef', 'name');
  if (!developerUnsold && ownerName === '') issue('ownerName', 'owner_missing', 'Owner name is empty (mark unsold units 开发商未售=是)');
  const phone = get('phone');
  if (phone !== '' && !isValidPhone(phone)) issue('phone', 'phone_invalid', 'Phone must be an 11-digit mobile or a landline like 0532-88886666');

  if (issues.length === 0 && area.ok && building !== null && unit !== null && ownerName !== null && ownerRef !== null) {
    rows.push({
      building,
      unit,
      areaHundredths: area.hundredths,
      areaSource: areaSource as AreaSource,
      ownerName,
      ownerRef,
      phone: phone === '' ? '' : normalizePhone(phone),
      developerUnsold,
    });
  }
  return issues;
}

/**
 * Who counts as one head: the developer's unsold units together are one; otherwise units
 * with the same 业主编号, or without one the same name and phone, belong to one buyer.
 */
export function ownerIdentity(row: RegisterRow): string {
  if (row.developerUnsold) return 'developer';
  if (row.ownerRef !== '') return `ref:${row.ownerRef}`;
  return `name:${row.ownerName}|${row.phone}`;
}

export interface RegisterTotals {
  unitCount: number;
  totalAreaHundredths: number;
  ownerHeads: number;
  developerUnsoldUnits: number;
  areaBySource: Record<AreaSource, number>;
}

export function registerTotals(rows: readonly Pick<RegisterRow, 'areaHundredths' | 'areaSource' | 'developerUnsold' | 'ownerRef' | 'ownerName' | 'phone'>[]): RegisterTotals {
  const heads = new Set<string>();
  const areaBySource: Record<AreaSource, number> = { 不动产登记: 0, 实测: 0, 合同: 0 };
  let total = 0;
  let developer = 0;
  for (const row of rows) {
    total += row.areaHundredths;
    areaBySource[row.areaSource] += row.areaHundredths;
    if (row.developerUnsold) developer++;
    heads.add(ownerIdentity(row as RegisterRow));
  }
  return { unitCount: rows.length, totalAreaHundredths: total, ownerHeads: heads.size, developerUnsoldUnits: developer, areaBySource };
}

/** Rows back to the documented columns, sorted, so export then import is the same register. */
export function registerToCells(rows: readonly RegisterRow[]): string[][] {
  const sorted = [...rows].sort((a, b) => (a.building + '\u0000' + a.unit).localeCompare(b.building + '\u0000' + b.unit, 'zh-CN', { numeric: true }));
  return [
    REGISTER_COLUMNS.map((c) => c.header),
    ...sorted.map((r) => [r.building, r.unit, formatArea(r.areaHundredths), r.areaSource, r.ownerName, r.ownerRef, r.phone, r.developerUnsold ? '是' : '否']),
  ];
}

/** A canonical text of the rows, independent of file encoding, order and spacing, for hashing. */
export function canonicalRegister(rows: readonly RegisterRow[]): string {
  return registerToCells(rows)
    .slice(1)
    .map((r) => r.join('\u001f'))
    .join('\u001e');
}
