// The recount tool as a committee, a court or a test runs it: three CSV files in, one JSON
// object out; bad input exits 2 with line-numbered errors and prints no result.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../../infra/paths.ts';
import { toCsv } from '../../shared/registry/csv.ts';

const dir = mkdtempSync(join(tmpdir(), 'recount-'));
function run(files: { register: string; matters: string; votes: string }, args?: string[]) {
  const paths = Object.fromEntries(Object.entries(files).map(([k, v]) => {
    const p = join(dir, `${k}-${Math.random().toString(36).slice(2)}.csv`);
    writeFileSync(p, v);
    return [k, p];
  }));
  const out = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'infra/bin/tally.ts'), ...(args ?? ['--register', paths.register!, '--matters', paths.matters!, '--votes', paths.votes!])], { cwd: ROOT, encoding: 'utf8' });
  return { code: out.status, stdout: out.stdout, stderr: out.stderr, paths };
}

const register = 'unit_id,owner_id,area\n1-101,o1,100\n1-102,o1,50.5\n1-201,o2,120.25\n2-101,dev,200\n2-102,dev,200\n3-101,o3,80\n';
const matters = 'matter_id,kind\nm1,ordinary\nm2,special\n';

describe('npm run -s tally', () => {
  it('prints the tally as one JSON object, areas with two decimals, matters in file order', () => {
    const votes = 'owner_id,matter_id,choice\no1,m1,agree\no2,m1,agree\ndev,m1,disagree\no1,m2,agree\no2,m2,agree\ndev,m2,agree\no3,m2,abstain\n';
    const out = run({ register, matters, votes });
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual({
      totals: { area: '750.75', heads: 4 },
      matters: [
        // 3 of 4 heads and 670.75 of 750.75 m² take part; 2 heads / 270.75 m² agree: heads pass, area does not.
        { matter_id: 'm1', kind: 'ordinary', participating: { area: '670.75', heads: 3 }, agree: { area: '270.75', heads: 2 }, disagree: { area: '400.00', heads: 1 }, abstain: { area: '0.00', heads: 0 }, quorum_met: true, passed: false },
        // All take part; 3 of 4 heads (exactly 3/4) and 670.75 of 750.75 m² (> 3/4) agree.
        { matter_id: 'm2', kind: 'special', participating: { area: '750.75', heads: 4 }, agree: { area: '670.75', heads: 3 }, disagree: { area: '0.00', heads: 0 }, abstain: { area: '80.00', heads: 1 }, quorum_met: true, passed: true },
      ],
    });
    expect(out.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 with every problem and its line, and prints no result', () => {
    const out = run({
      register: 'unit_id,owner_id,area\n1-101,o1,100\n1-101,o2,12.345\n1-102,,-3\n',
      matters: 'matter_id,kind\nm1,ordinary\nm1,special\nm2,urgent\n',
      votes: 'owner_id,matter_id,choice\no1,m1,agree\no1,m1,disagree\nghost,m1,agree\no1,m9,yes\n',
    });
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    const lines = out.stderr.trim().split('\n');
    const has = (file: string, line: number, text: string) => expect(lines.some((l) => new RegExp(`${file}-[a-z0-9]+\\.csv:${line}: `).test(l) && l.includes(text)), `${file}:${line} ${text}\n${out.stderr}`).toBe(true);
    has('register', 3, 'appears twice');
    has('register', 3, 'area "12.345"');
    has('register', 4, 'owner_id is empty');
    has('register', 4, 'area "-3"');
    has('matters', 3, 'appears twice');
    has('matters', 4, 'must be ordinary or special');
    has('votes', 3, 'already voted');
    has('votes', 4, 'unknown owner_id "ghost"');
    has('votes', 5, 'unknown matter_id "m9"');
    has('votes', 5, 'must be agree, disagree or abstain');
  });

  it('recounts exported files whose units and owners a spreadsheet would run as formulas', () => {
    // As exportFile writes them (toCsv guards = + - @ and ' with an apostrophe); the tool reads the same ids back.
    const units = [['1号楼#1-101', 'o1', '100'], ['1号楼#1-102', 'o2', '50.5'], ['2号楼#1-101', 'o3', '120.25'], ['2号楼#1-102', 'o4', '80']];
    const odd: Record<string, string> = { o1: '=SUM(A1)', o2: '-1', o3: "'o3", o4: '@x', '1号楼': '-1号楼', '2号楼': "+2号楼'" };
    const rename = (v: string) => v.replace(/^[^#]+/, (b) => odd[b] ?? b).replace(/^o\d$/, (o) => odd[o] ?? o);
    const ballot = (f: (v: string) => string) => ({
      register: toCsv([['unit_id', 'owner_id', 'area'], ...units.map(([u, o, a]) => [f(u!), f(o!), a!])]),
      matters: toCsv([['matter_id', 'kind'], ['m1', 'ordinary'], ['m2', 'special']]),
      votes: toCsv([['owner_id', 'matter_id', 'choice'], ...['o1', 'o2', 'o3'].map((o) => [f(o), 'm1', 'agree']), [f('o4'), 'm1', 'disagree'], [f('o1'), 'm2', 'abstain']]),
    });
    const guarded = ballot(rename);
    expect(guarded.register).toContain("'=SUM(A1)");
    expect(guarded.register).toContain("'-1号楼#1-101");
    expect(guarded.votes).toContain("''o3");
    const plain = run(ballot((v) => v));
    const out = run(guarded);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toBe(plain.stdout);
    expect(JSON.parse(out.stdout).totals).toEqual({ area: '350.75', heads: 4 });
    // Ids come back as they were, not as written: errors name them without the apostrophe.
    const ghost = run({ ...guarded, votes: guarded.votes + toCsv([['=ghost', 'm1', 'agree']]).replace(/^\uFEFF/, '') });
    expect(ghost.code).toBe(2);
    expect(ghost.stderr).toContain('unknown owner_id "=ghost"');
  });

  it('names a missing column, and a missing option', () => {
    const out = run({ register: 'unit,owner_id,area\n1,o1,1\n', matters, votes: 'owner_id,matter_id,choice\n' });
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/register-[a-z0-9]+\.csv:1: missing column unit_id/);
    const none = run({ register, matters, votes: '' }, ['--register', 'x.csv']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('missing --matters, --votes');
  });
});
