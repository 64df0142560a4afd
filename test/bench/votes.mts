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

type District = Awaited<ReturnType<typeof import('../../infra/local/district.ts').startLocalDistrict>>;

/**
 * P3: the tally of a 5,000-owner ballot from its stored records (roll and votes, as close
 * reads them, then the pure rules) next to a raw paginated query of the same items, in the
 * same run; and the whole close (consistent reads, tally, the frozen result's transaction).
 */
export async function p3(district: District) {
  const { QueryCommand, PutCommand } = await import('@aws-sdk/lib-dynamodb');
  const { keys } = await import('../../functions/lib/keys.ts');
  const { batchPut } = await import('../../functions/lib/batch-write.ts');
  const { roll } = await import('../../functions/votes/ballot-store.ts');
  const { votesOf, computeResult, closeBallot, ruleVotes } = await import('../../functions/votes/result-store.ts');
  const OWNERS = 5_000;
  const compoundId = 'p0001';
  const b = ballot(OWNERS);
  const now = Date.now();
  const results: { raw: number[]; stored: number[]; pure: number[]; rules: number[]; close: number[] } = { raw: [], stored: [], pure: [], rules: [], close: [] };
  const RUNS = 5;
  for (let run = 0; run < RUNS + 1; run++) {
    const ballotId = `bench-p3-${run}`;
    const ref = { compoundId, ballotId };
    const matters = b.matters.map((m) => ({ ...m, title: m.id, text: 'bench', attachments: [] }));
    const byOwner = new Map<string, Record<string, string>>();
    for (const v of b.votes) byOwner.set(v.ownerId, { ...byOwner.get(v.ownerId), [v.matterId]: v.choice });
    await batchPut([
      ...b.units.map((u) => ({ ...keys.rollUnit(ref, `B${u.ownerId}`, u.unitId), et: 'roll-unit', ballotId, building: `B${u.ownerId}`, unit: u.unitId, ownerId: u.ownerId, areaHundredths: u.areaHundredths })),
      ...[...byOwner].map(([ownerId, choices], i) => ({ ...keys.vote(ref, ownerId), et: 'vote', ballotId, ownerId, choices, channel: 'online', receipt: `R${i}`, recordedAt: new Date(now).toISOString(), building: 'B', unit: ownerId })),
    ]);
    const ballotItem = {
      ...keys.ballot(compoundId, ballotId), et: 'ballot', id: ballotId, compoundId, compoundName: 'bench', title: 'bench', kind: 'vote', matters, registerVersion: 1,
      totals: { areaHundredths: b.units.reduce((a, u) => a + u.areaHundredths, 0), heads: OWNERS }, announcedAt: new Date(now - 2e6).toISOString(),
      opensAt: new Date(now - 1e6).toISOString(), closesAt: new Date(now - 1000).toISOString(), createdBy: 'bench', voteCount: byOwner.size, pendingPaper: 0,
    };
    await district.doc.send(new PutCommand({ TableName: district.tableName, Item: ballotItem }));
    // Raw: the same items, paginated queries of the two partitions in parallel, nothing else.
    let t = performance.now();
    await Promise.all([keys.rollPk(ref), keys.votesPk(ref)].map(async (pk) => {
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await district.doc.send(new QueryCommand({ TableName: district.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ExclusiveStartKey }));
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
    }));
    const raw = performance.now() - t;
    t = performance.now();
    const [units, votes] = await Promise.all([roll(ref), votesOf(ref)]);
    const tp = performance.now();
    const result = computeResult(ballotItem as never, units, votes, 0, new Date(), 'bench');
    const pure = performance.now() - tp;
    const stored = performance.now() - t;
    // The art. 278 rules alone on the stored records (shared/votes/tally.ts), as P7 measures them.
    const rv = [...ruleVotes(votes)];
    const tr = performance.now();
    tally(units, b.matters, rv);
    const rulesMs = performance.now() - tr;
    if (result.tally.totals.heads !== OWNERS) throw new Error('P3: wrong tally');
    t = performance.now();
    await closeBallot(compoundId, ballotId, { kind: 'staff', sub: 'bench', role: 'district_admin', scopeId: 'district', name: 'bench' });
    const close = performance.now() - t;
    // The first run warms DynamoDB Local and the modules; it is not counted.
    if (run === 0) continue;
    results.raw.push(raw);
    results.stored.push(stored);
    results.pure.push(pure);
    results.rules.push(rulesMs);
    results.close.push(close);
  }
  const ratios = results.stored.map((s, i) => s / results.raw[i]!);
  say('## P3 — tally of a 5,000-owner ballot from stored records');
  say();
  say(`5,000 voting owners (${b.units.length.toLocaleString('en')} roll units, ${new Set(b.votes.map((v) => v.ownerId)).size.toLocaleString('en')} votes of three matters) stored in DynamoDB Local. Raw: paginated queries of the same two partitions, nothing else. Stored tally: the roll and the votes read as close reads them (the two partitions in parallel), then the pure rules. ${RUNS} runs after one warm-up, each on a fresh ballot.`);
  say();
  say('| | p50 ms | min ms | max ms |');
  say('|---|---:|---:|---:|');
  for (const [name, xs] of [['raw query of the same items', results.raw], ['tally from stored records', results.stored], ['… of which computing the result (pure)', results.pure], ['… of which the art. 278 rules (tally.ts)', results.rules], ['whole close (consistent reads, tally, frozen result)', results.close]] as const) say(`| ${name} | ${ms(pct([...xs], 50))} | ${ms(Math.min(...xs))} | ${ms(Math.max(...xs))} |`);
  say();
  say(`Ratio stored tally / raw query: median ${pct(ratios, 50).toFixed(2)}× (runs ${ratios.map((r) => r.toFixed(2)).join(', ')}); target ≤ 1.2×. Pure tally (the rules on the stored records): ${ms(pct(results.rules, 50))}; the whole pure result step with its conversions: ${ms(pct(results.pure, 50))} (target ≤ 10 ms).`);
  say();
}
