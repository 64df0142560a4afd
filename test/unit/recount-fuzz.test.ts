// The recount is what owners and courts rely on: over generated files and generated damage to
// their text, it either gives the right result or refuses with a line, never a wrong count.
// Tried: an extra field (2号楼#2-999,O00013,85,5 read as 85 m²), a dropped field, an unquoted
// comma inside an area, a duplicated row, a blanked cell, a doubled line break, a cut-off end.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { recount } from '../../shared/votes/recount.ts';
import { tally, type Choice } from '../../shared/votes/tally.ts';
import { formatArea } from '../../shared/area.ts';

const filesArb = fc.record({
  units: fc.array(fc.record({ owner: fc.integer({ min: 1, max: 12 }), area: fc.integer({ min: 1, max: 2_000_000 }) }), { minLength: 1, maxLength: 25 }),
  matters: fc.array(fc.constantFrom('ordinary' as const, 'special' as const), { minLength: 1, maxLength: 3 }),
  choices: fc.array(fc.array(fc.constantFrom<Choice | null>('agree', 'disagree', 'abstain', null), { minLength: 3, maxLength: 3 }), { minLength: 12, maxLength: 12 }),
}).map(({ units, matters, choices }) => {
  const register = units.map((u, i) => ({ unitId: `${1 + (i % 3)}号楼#${i + 101}`, ownerId: `O${String(u.owner).padStart(5, '0')}`, areaHundredths: u.area }));
  const ms = matters.map((kind, i) => ({ id: `m${i + 1}`, kind }));
  const owners = [...new Set(register.map((u) => u.ownerId))];
  const votes = owners.flatMap((ownerId, o) => ms.flatMap((m, k) => (choices[o % 12]![k] ? [{ ownerId, matterId: m.id, choice: choices[o % 12]![k]! }] : [])));
  return {
    expected: tally(register, ms, votes),
    text: {
      register: ['unit_id,owner_id,area', ...register.map((u) => `${u.unitId},${u.ownerId},${formatArea(u.areaHundredths)}`)].join('\r\n') + '\r\n',
      matters: ['matter_id,kind', ...ms.map((m) => `${m.id},${m.kind}`)].join('\r\n') + '\r\n',
      votes: ['owner_id,matter_id,choice', ...votes.map((v) => `${v.ownerId},${v.matterId},${v.choice}`)].join('\r\n') + '\r\n',
    },
  };
});

type FileName = 'register' | 'matters' | 'votes';
/** One kind of damage to one data line of one file. */
const damageArb = fc.record({
  file: fc.constantFrom<FileName>('register', 'matters', 'votes'),
  line: fc.nat(),
  kind: fc.constantFrom('extra-field', 'drop-field', 'comma-in-area', 'duplicate-row', 'blank-cell', 'double-break', 'cut-end'),
});

function damage(text: string, d: { line: number; kind: string }): string {
  const lines = text.split('\r\n');
  const data = lines.length - 2; // header first, empty string after the last CRLF
  if (data < 1) return text;
  const i = 1 + (d.line % data);
  const cells = lines[i]!.split(',');
  switch (d.kind) {
    case 'extra-field': lines[i] = `${lines[i]},5`; break;
    case 'drop-field': lines[i] = cells.slice(0, -1).join(','); break;
    case 'comma-in-area': lines[i] = lines[i]!.replace('.', ','); break;
    case 'duplicate-row': lines.splice(i, 0, lines[i]!); break;
    case 'blank-cell': cells[d.line % cells.length] = ''; lines[i] = cells.join(','); break;
    case 'double-break': lines.splice(i, 0, ''); break;
    case 'cut-end': return text.slice(0, text.length - 3);
  }
  return lines.join('\r\n');
}

const asFiles = (t: Record<FileName, string>) => ({ register: { name: 'R.csv', text: t.register }, matters: { name: 'M.csv', text: t.matters }, votes: { name: 'V.csv', text: t.votes } });

describe('the recount over damaged files', () => {
  it('counts intact files exactly as the platform does', () => {
    fc.assert(fc.property(filesArb, ({ expected, text }) => {
      expect(recount(asFiles(text))).toEqual({ ok: true, tally: expected });
    }), { numRuns: 200 });
  });

  it('either gives the same result or refuses with the file and line, never a different count', () => {
    fc.assert(fc.property(filesArb, damageArb, ({ expected, text }, d) => {
      const damaged = { ...text, [d.file]: damage(text[d.file], d) };
      const out = recount(asFiles(damaged));
      if (out.ok) expect(out.tally).toEqual(expected);
      else for (const e of out.errors) expect(e).toMatch(/^[RMV]\.csv(:\d+)?: /);
    }), { numRuns: 1000 });
  });

  it('refuses the row from the review with its line', () => {
    const text = 'unit_id,owner_id,area\r\n1号楼#101,O00001,90.00\r\n2号楼#2-999,O00013,85,5\r\n';
    const out = recount(asFiles({ register: text, matters: 'matter_id,kind\r\nm1,ordinary\r\n', votes: 'owner_id,matter_id,choice\r\nO00001,m1,agree\r\n' }));
    expect(out).toEqual({ ok: false, errors: ['R.csv:3: 4 fields, the header has 3'] });
  });
});
