// Owner-vote benchmarks that need no stored ballot yet (issue 6): the pure art. 278 tally at
// 500 / 5,000 / 50,000 voting owners (P7, should grow linearly; P3's "pure tally ≤ 10 ms" at
// 5,000). P3's comparison with a raw query of stored votes comes with the ballot store.
import { tally, type Matter, type RegisterUnit, type Vote } from '../../shared/votes/tally.ts';
import { ms, pct, say } from './report.mts';

function ballot(owners: number) {
  const units: RegisterUnit[] = [];
  for (let o = 0; o < owners; o++) {
    // Most owners have one unit, some two or three (one buyer, one head).
    const count = o % 10 === 0 ? 3 : o % 7 === 0 ? 2 : 1;
    for (let k = 0; k < count; k++) units.push({ unitId: `u${o}-${k}`, ownerId: `O${o}`, areaHundredths: 6_000 + ((o * 37 + k * 11) % 9_000) });
  }
  const matters: Matter[] = [{ id: 'm1', kind: 'ordinary' }, { id: 'm2', kind: 'special' }, { id: 'm3', kind: 'ordinary' }];
  const votes: Vote[] = [];
  for (let o = 0; o < owners; o++) {
    if (o % 6 === 5) continue; // about 83% take part
    for (const m of matters) votes.push({ ownerId: `O${o}`, matterId: m.id, choice: (['agree', 'agree', 'disagree', 'abstain'] as const)[(o + m.id.length) % 4]! });
  }
  return { units, matters, votes };
}

export function p7() {
  const rows: string[] = [];
  const per: number[] = [];
  for (const owners of [500, 5_000, 50_000]) {
    const b = ballot(owners);
    for (let i = 0; i < 5; i++) tally(b.units, b.matters, b.votes); // warm up
    const times: number[] = [];
    for (let i = 0; i < 25; i++) {
      const t = performance.now();
      tally(b.units, b.matters, b.votes);
      times.push(performance.now() - t);
    }
    per.push(pct(times, 50) / owners);
    rows.push(`| ${owners.toLocaleString('en')} | ${b.units.length.toLocaleString('en')} | ${b.votes.length.toLocaleString('en')} | ${ms(pct(times, 50))} | ${ms(pct(times, 95))} | ${((pct(times, 50) / owners) * 1000).toFixed(2)} |`);
  }
  say('## P7 — the art. 278 tally, pure (shared/votes/tally.ts)');
  say();
  say('Three matters (two ordinary, one special); owners with one to three units; about 83% vote on every matter. 25 runs after 5 warm-up runs, in process.');
  say();
  say('| voting owners | units | votes | p50 ms | p95 ms | µs per owner |');
  say('|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) say(r);
  say();
  say(`Per owner the cost stays within ${(Math.max(...per) / Math.min(...per)).toFixed(1)}× from 500 to 50,000 owners (linear growth). Target for 5,000 owners: ≤ 10 ms (P3, pure tally).`);
  say();
}
