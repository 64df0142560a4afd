// The recount tool's reading and writing (issue 6, item 4): three CSV files in, one JSON
// object out, with the same rules as the platform. Every problem is reported with its file
// and line, and then there is no result at all.
import { formatArea, parseArea } from '../area.ts';
import { readCsv } from '../registry/csv.ts';
import { CHOICES, MATTER_KINDS, tally, type Choice, type Matter, type MatterKind, type RegisterUnit, type Share, type Tally, type Vote } from './tally.ts';

export interface RecountFiles { register: { name: string; text: string }; matters: { name: string; text: string }; votes: { name: string; text: string } }
export type RecountOutcome = { ok: true; tally: Tally } | { ok: false; errors: string[] };

function table(file: { name: string; text: string }, columns: string[], errors: string[]): { line: number; get: (c: string) => string }[] {
  // The platform guards cells against formulas when it writes; readCsv takes that off.
  const rows = readCsv(file.text.replace(/^\uFEFF/, ''));
  if (rows.length === 0) {
    errors.push(`${file.name}: empty file; expected the columns ${columns.join(',')}`);
    return [];
  }
  // The platform ends every record with CRLF; a file that stops mid-line may have lost the end
  // of a number (219.91 cut to 219.9) and would count wrong without a sign.
  if (!/[\r\n]$/.test(file.text)) errors.push(`${file.name}: the file does not end with a line break, so it may be cut off: export it again (or, if you edited it by hand, end it with a line break)`);
  const head = rows[0]!.cells.map((c) => c.trim());
  const missing = columns.filter((c) => !head.includes(c));
  if (missing.length) {
    errors.push(`${file.name}:${rows[0]!.line}: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
    return [];
  }
  const index = new Map(columns.map((c) => [c, head.indexOf(c)]));
  const body = rows.slice(1);
  // A row with more or fewer fields than the header would be read shifted (85,5 as 85 m²):
  // an error with its line, and then no result at all.
  for (const r of body) if (r.cells.length !== head.length) errors.push(`${file.name}:${r.line}: ${r.cells.length} fields, the header has ${head.length}`);
  return body.filter((r) => r.cells.length === head.length).map((r) => ({ line: r.line, get: (c: string) => (r.cells[index.get(c)!] ?? '').trim() }));
}

export function recount(files: RecountFiles): RecountOutcome {
  const errors: string[] = [];
  const units: RegisterUnit[] = [];
  const seenUnits = new Set<string>();
  for (const r of table(files.register, ['unit_id', 'owner_id', 'area'], errors)) {
    const where = `${files.register.name}:${r.line}`;
    const unitId = r.get('unit_id');
    const ownerId = r.get('owner_id');
    const area = parseArea(r.get('area'));
    if (!unitId) errors.push(`${where}: unit_id is empty`);
    else if (seenUnits.has(unitId)) errors.push(`${where}: unit_id ${JSON.stringify(unitId)} appears twice`);
    if (!ownerId) errors.push(`${where}: owner_id is empty`);
    if (!area.ok) errors.push(`${where}: area ${JSON.stringify(r.get('area'))} is not a positive number of m² with at most 2 decimals`);
    seenUnits.add(unitId);
    if (unitId && ownerId && area.ok) units.push({ unitId, ownerId, areaHundredths: area.hundredths });
  }
  const owners = new Set(units.map((u) => u.ownerId));
  const matters: Matter[] = [];
  for (const r of table(files.matters, ['matter_id', 'kind'], errors)) {
    const where = `${files.matters.name}:${r.line}`;
    const id = r.get('matter_id');
    const kind = r.get('kind');
    if (!id) errors.push(`${where}: matter_id is empty`);
    else if (matters.some((m) => m.id === id)) errors.push(`${where}: matter_id ${JSON.stringify(id)} appears twice`);
    if (!(MATTER_KINDS as readonly string[]).includes(kind)) errors.push(`${where}: kind ${JSON.stringify(kind)} must be ordinary or special`);
    else if (id && !matters.some((m) => m.id === id)) matters.push({ id, kind: kind as MatterKind });
  }
  const votes: Vote[] = [];
  const seenVotes = new Set<string>();
  for (const r of table(files.votes, ['owner_id', 'matter_id', 'choice'], errors)) {
    const where = `${files.votes.name}:${r.line}`;
    const ownerId = r.get('owner_id');
    const matterId = r.get('matter_id');
    const choice = r.get('choice');
    let ok = true;
    if (!owners.has(ownerId)) { errors.push(`${where}: unknown owner_id ${JSON.stringify(ownerId)}`); ok = false; }
    if (!matters.some((m) => m.id === matterId)) { errors.push(`${where}: unknown matter_id ${JSON.stringify(matterId)}`); ok = false; }
    if (!(CHOICES as readonly string[]).includes(choice)) { errors.push(`${where}: choice ${JSON.stringify(choice)} must be agree, disagree or abstain`); ok = false; }
    const key = `${ownerId}\u0000${matterId}`;
    if (seenVotes.has(key)) { errors.push(`${where}: owner ${JSON.stringify(ownerId)} already voted on ${JSON.stringify(matterId)}`); ok = false; }
    seenVotes.add(key);
    if (ok) votes.push({ ownerId, matterId, choice: choice as Choice });
  }
  if (errors.length) return { ok: false, errors };
  return { ok: true, tally: tally(units, matters, votes) };
}

const share = (s: Share) => ({ area: formatArea(s.areaHundredths), heads: s.heads });

/** The JSON the tool prints, with the field names: areas as strings with 2 decimals. */
export function recountJson(t: Tally) {
  return {
    totals: share(t.totals),
    matters: t.matters.map((m) => ({
      matter_id: m.matterId, kind: m.kind,
      participating: share(m.participating), agree: share(m.agree), disagree: share(m.disagree), abstain: share(m.abstain),
      quorum_met: m.quorumMet, passed: m.passed,
    })),
  };
}
