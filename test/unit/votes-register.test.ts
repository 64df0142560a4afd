// The register as the vote counts it: the same legal totals as the register's own, ids that
// carry no personal data, the same ids whatever the row order, and a round trip through the
// recount tool's files.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { demoDistrict, demoRegisterRows } from '../../infra/local/demo-district.ts';
import { registerTotals } from '../../shared/registry/register.ts';
import { votingRegister } from '../../shared/votes/register.ts';
import { tally } from '../../shared/votes/tally.ts';
import { recount } from '../../shared/votes/recount.ts';
import { formatArea } from '../../shared/area.ts';

const d = demoDistrict();
const compounds = d.compounds.slice(0, 12);

describe('voting register', () => {
  it('counts the same total area and heads as the register totals (one buyer one head, the developer once)', () => {
    for (const c of compounds) {
      const rows = demoRegisterRows(c);
      const totals = registerTotals(rows);
      const t = tally(votingRegister(rows), [], []);
      expect(t.totals).toEqual({ areaHundredths: totals.totalAreaHundredths, heads: totals.ownerHeads });
    }
  });

  it('gives ids without names or phones, the same whatever the order of the rows', () => {
    const rows = demoRegisterRows(compounds[3]!);
    const units = votingRegister(rows);
    const text = JSON.stringify(units);
    for (const r of rows) {
      if (r.ownerName) expect(text).not.toContain(r.ownerName);
      if (r.phone) expect(text).not.toContain(r.phone);
    }
    fc.assert(fc.property(fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length }), (shuffled) => {
      expect(votingRegister(shuffled)).toEqual(units);
    }), { numRuns: 20 });
  });

  it('recounts from its own files to the same tally', () => {
    const units = votingRegister(demoRegisterRows(compounds[5]!));
    const owners = [...new Set(units.map((u) => u.ownerId))];
    const votes = owners.filter((_, i) => i % 5 !== 0).map((o, i) => ({ ownerId: o, matterId: 'm1', choice: (['agree', 'agree', 'disagree', 'abstain'] as const)[i % 4]! }));
    const files = {
      register: { name: 'R.csv', text: ['unit_id,owner_id,area', ...units.map((u) => `${u.unitId},${u.ownerId},${formatArea(u.areaHundredths)}`), ''].join('\n') },
      matters: { name: 'M.csv', text: 'matter_id,kind\nm1,ordinary\n' },
      votes: { name: 'V.csv', text: ['owner_id,matter_id,choice', ...votes.map((v) => `${v.ownerId},${v.matterId},${v.choice}`), ''].join('\n') },
    };
    const out = recount(files);
    expect(out.ok).toBe(true);
    if (out.ok) expect(out.tally).toEqual(tally(units, [{ id: 'm1', kind: 'ordinary' }], votes));
  });
});
