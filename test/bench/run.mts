// npm run bench: P1 (write latency through the whole local stack vs the bare SDK), P2 (bundle
// size and cold import vs the AWS SDK clients alone), and a 5,000-unit register import.
// Each comparison is measured side by side in this one run; results go to RESULTS.md.
//
// One section or a few: BENCH_ONLY=<names, comma-separated> npm run bench, names p1, register,
// p4, p5, publication, p3, p8, p9, p10, appeal-page, p11, evaluation-events, p7, p2 (e.g. `BENCH_ONLY=p2 npm run bench` for bundle size and cold
// import alone). Each section runs exactly as in the full run (the local district still starts
// and stops first, so P2's imports see the same environment); the tables are printed and
// RESULTS.md is left alone, to be edited by hand. BENCH_IMPORT_RUNS (default 15) sets P2's
// imports per bundle, BENCH_N (default 300) P1's writes.
import { execFileSync } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { startLocalDistrict } from '../../infra/local/district.ts';
import { ROOT } from '../../infra/paths.ts';
import { BUNDLE } from '../../infra/bundling.ts';
import { allQueues, allRoutes, streamRelay, triggers } from '../../functions/manifest.ts';
import { demoDistrict, demoRegisterRows, rowsToCsv } from '../../infra/local/demo-district.ts';
import { keys } from '../../functions/lib/keys.ts';
import { lambdaContext } from '../../infra/local/lambda-context.ts';
import { kb, lines, ms, pct, say } from './report.mts';
import { p4, p5, publication } from './ratings.mts';
import { p3, p7 } from './votes.mts';
import { appealPage, p8, p9, p10 } from './appeals.mts';
import { evaluationEvents, p11 } from './evaluations.mts';

process.env.LOG_LEVEL = 'ERROR';

async function p1(district: Awaited<ReturnType<typeof startLocalDistrict>>) {
  const N = Number(process.env.BENCH_N ?? 300);
  const d = demoDistrict();
  const community = d.communities[0]!;
  const token = await district.auth.issue('admin');
  const body = (i: number) => ({ name: `基准小区${i}`, address: `青岛市市南区基准路${i}号`, communityId: community.id, buildings: ['1号楼', '2号楼'], gridIds: [], contract: null });
  const doc = district.doc;
  const TableName = district.tableName;
  // Warm up both paths (module loading, connections, JIT).
  for (let i = 0; i < 30; i++) {
    await fetch(`${district.url}/api/registry/compounds/warm-${i}`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body(i)) });
    await doc.send(new PutCommand({ TableName, Item: { pk: 'BENCH', sk: `warm-${i}` }, ConditionExpression: 'attribute_not_exists(pk)' }));
  }
  // Interleaved so that both paths see the same machine load.
  const stack: number[] = [];
  const bare: number[] = [];
  const same: number[] = [];
  const direct: number[] = [];
  const { handler } = await import('../../functions/registry/put-compound.ts');
  const claims = await district.auth.verify(token);
  for (let i = 0; i < N; i++) {
    let t = performance.now();
    const res = await fetch(`${district.url}/api/registry/compounds/bench-${i}`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body(i)) });
    await res.arrayBuffer();
    if (res.status !== 201) throw new Error(`bench write failed: ${res.status}`);
    stack.push(performance.now() - t);

    t = performance.now();
    await doc.send(new PutCommand({ TableName, Item: { pk: 'BENCH', sk: `put-${i}`, ...body(i) }, ConditionExpression: 'attribute_not_exists(pk)' }));
    bare.push(performance.now() - t);

    // The same DynamoDB work the handler does (the scope lookup, the consistent read of the
    // compound, one transaction with the community check and the audit item), through the
    // bare SDK: what is left between this and the whole stack is our stack.
    t = performance.now();
    await doc.send(new GetCommand({ TableName, Key: keys.compound(`same-${i}`), ProjectionExpression: 'communityId, streetId' }));
    await doc.send(new GetCommand({ TableName, Key: keys.compound(`same-${i}`), ConsistentRead: true }));
    await doc.send(new TransactWriteCommand({ TransactItems: [
      { Put: { TableName, Item: { pk: 'BENCHSAME', sk: `c-${i}`, ...body(i) }, ConditionExpression: 'attribute_not_exists(pk)' } },
      { ConditionCheck: { TableName, Key: keys.community(community.id), ConditionExpression: 'attribute_exists(pk)' } },
      { Put: { TableName, Item: { pk: 'BENCHSAME', sk: `a-${i}`, at: new Date().toISOString(), after: JSON.stringify(body(i)) }, ConditionExpression: 'attribute_not_exists(pk)' } },
    ] }));
    same.push(performance.now() - t);

    // The same handler invoked in process with an API Gateway v2 event: our code without
    // the HTTP hop (which on AWS is API Gateway's).
    t = performance.now();
    const event = { version: '2.0', routeKey: 'PUT /api/registry/compounds/{compoundId}', rawPath: '/x', rawQueryString: '', headers: { 'content-type': 'application/json' }, pathParameters: { compoundId: `direct-${i}` }, requestContext: { requestId: `b${i}`, http: { method: 'PUT' }, authorizer: { jwt: { claims, scopes: null } } }, body: JSON.stringify(body(i)), isBase64Encoded: false };
    const out = await handler(event as never, lambdaContext('bench', 10));
    if (out.statusCode !== 201) throw new Error(`direct write failed: ${out.statusCode}`);
    direct.push(performance.now() - t);
  }
  say('## P1 — registry write latency (PUT /api/registry/compounds/{id}, create)');
  say();
  say(`${N} writes each, interleaved, against the same DynamoDB Local.`);
  say();
  say('| path | p50 ms | p95 ms | p50 ratio | p95 ratio |');
  say('|---|---:|---:|---:|---:|');
  say(`| bare SDK: one conditional PutItem | ${ms(pct(bare, 50))} | ${ms(pct(bare, 95))} | 1.00 | 1.00 |`);
  say(`| bare SDK: the handler's DynamoDB calls (2 reads + 1 transaction of 3) | ${ms(pct(same, 50))} | ${ms(pct(same, 95))} | ${(pct(same, 50) / pct(bare, 50)).toFixed(2)} | ${(pct(same, 95) / pct(bare, 95)).toFixed(2)} |`);
  say(`| handler in process: middy + zod + scope + handler, no HTTP | ${ms(pct(direct, 50))} | ${ms(pct(direct, 95))} | ${(pct(direct, 50) / pct(bare, 50)).toFixed(2)} | ${(pct(direct, 95) / pct(bare, 95)).toFixed(2)} |`);
  say(`| whole stack: HTTP host + middy + zod + JWT + handler | ${ms(pct(stack, 50))} | ${ms(pct(stack, 95))} | ${(pct(stack, 50) / pct(bare, 50)).toFixed(2)} | ${(pct(stack, 95) / pct(bare, 95)).toFixed(2)} |`);
  say();
  say(`Whole stack vs the same DynamoDB calls made bare: p50 ${(pct(stack, 50) / pct(same, 50)).toFixed(2)}×, p95 ${(pct(stack, 95) / pct(same, 95)).toFixed(2)}× (target ≤ 1.15×). Handler in process vs the same calls: p50 ${(pct(direct, 50) / pct(same, 50)).toFixed(2)}×, p95 ${(pct(direct, 95) / pct(same, 95)).toFixed(2)}×.`);
  say();
  say('Against the single conditional put the target cannot hold by design: a staff write is a read for the scope check, a consistent read for the revision, and a transaction that also writes the audit entry and checks the references.');
  say();
}

const SDK_CLIENTS: Record<string, string> = {
  '@aws-sdk/client-dynamodb': 'DynamoDBClient',
  '@aws-sdk/lib-dynamodb': 'DynamoDBDocumentClient',
  '@aws-sdk/client-sqs': 'SQSClient',
};

/**
 * The AWS SDK part of a bundle, as its own entry: the clients and exactly the commands the
 * bundle pulled in (read from esbuild's metafile), so the baseline is tree-shaken like ours.
 */
function sdkEntry(meta: Metafile): string {
  const wanted = new Map<string, Set<string>>();
  for (const input of Object.keys(meta.inputs)) {
    const m = /node_modules\/(@aws-sdk\/(?:client-[a-z0-9-]+|lib-dynamodb|util-dynamodb))\/dist-es\/(?:commands\/([A-Za-z]+Command)\.js|(convertToNative|unmarshall)\.js)?/.exec(input);
    if (!m) continue;
    const names = wanted.get(m[1]!) ?? new Set<string>();
    if (SDK_CLIENTS[m[1]!]) names.add(SDK_CLIENTS[m[1]!]!);
    if (m[2]) names.add(m[2]);
    if (m[3] === 'unmarshall') names.add('unmarshall');
    wanted.set(m[1]!, names);
  }
  let code = '';
  let i = 0;
  for (const [pkg, names] of wanted) {
    if (names.size === 0) continue;
    code += `import { ${[...names].join(', ')} } from '${pkg}';\nglobalThis.__keep${i++} = [${[...names].join(', ')}];\n`;
  }
  return code;
}

function importTime(file: string, runs: number): number {
  const script = `const t=performance.now();await import(${JSON.stringify(file)});console.log(performance.now()-t)`;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const out = execFileSync(process.execPath, ['--enable-source-maps', '--input-type=module', '-e', script], { encoding: 'utf8' });
    times.push(Number(out.trim()));
  }
  return pct(times, 50);
}

async function p2() {
  const dir = mkdtempSync(join(tmpdir(), 'gongzhi-bench-'));
  const modules = [...new Set([...allRoutes.map((r) => r.handler), ...allQueues.map((q) => q.consumer), streamRelay.handler, triggers.postAuthentication.handler])];
  const RUNS = Number(process.env.BENCH_IMPORT_RUNS ?? 15);
  const common = { bundle: true, platform: 'node' as const, format: BUNDLE.format, target: BUNDLE.target, minify: BUNDLE.minify, mainFields: [...BUNDLE.mainFields], banner: { js: BUNDLE.banner }, sourcemap: true, metafile: true, logLevel: 'silent' as const };
  say('## P2 — bundle size and cold import');
  say();
  say('Each function bundled as the stack bundles it (esbuild, ESM, minified, node24, source map), the AWS SDK **bundled** (pinned, the version the tests ran; the runtime\'s copy changes without notice). Baseline: a bundle of only the AWS SDK clients and commands that function pulls in (read from the esbuild metafile), built the same way. Import = median of fresh `node --enable-source-maps` processes importing the bundle.');
  say();
  say('| function | bundle KB | SDK-only KB | added KB | import ms | SDK-only ms | ratio |');
  say('|---|---:|---:|---:|---:|---:|---:|');
  for (const module of modules) {
    const out = join(dir, `${module.replace(/\//g, '_')}.mjs`);
    const r = await build({ ...common, entryPoints: [join(ROOT, 'functions', `${module}.ts`)], outfile: out });
    const baseEntry = join(dir, `${module.replace(/\//g, '_')}-sdk.ts`);
    writeFileSync(baseEntry, sdkEntry(r.metafile!));
    const baseOut = join(dir, `${module.replace(/\//g, '_')}-sdk.mjs`);
    await build({ ...common, entryPoints: [baseEntry], outfile: baseOut, nodePaths: [join(ROOT, 'node_modules')] });
    const size = statSync(out).size;
    const baseSize = statSync(baseOut).size;
    // Alternated, so both see the same machine state.
    const ours: number[] = [];
    const base: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      ours.push(importTime(out, 1));
      base.push(importTime(baseOut, 1));
    }
    const t = pct(ours, 50);
    const tb = pct(base, 50);
    say(`| ${module} | ${kb(size)} | ${kb(baseSize)} | ${kb(size - baseSize)} | ${ms(t)} | ${ms(tb)} | ${(t / tb).toFixed(2)} |`);
  }
  say();
  say('Targets: added ≤ 150 KB, import ratio ≤ 1.25×.');
  say();
  rmSync(dir, { recursive: true, force: true });
}

function postFrom(localAddress: string, url: string, body: string): Promise<number> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: u.hostname, port: u.port, path: u.pathname, method: 'POST', localAddress, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function registerImport(district: Awaited<ReturnType<typeof startLocalDistrict>>) {
  const d = demoDistrict();
  const compound = d.compounds.find((c) => c.name === '安庆路16号小区')!;
  // A 5,000-unit compound: the demo compound's buildings, enough floors and entrances.
  const big = { ...compound, buildings: Array.from({ length: 40 }, (_, i) => `${i + 1}号楼`), floors: 34 };
  let rows = demoRegisterRows(big);
  rows = rows.slice(0, 5000);
  if (rows.length < 5000) throw new Error(`only ${rows.length} rows`);
  const token = await district.auth.issue('admin');
  await fetch(`${district.url}/api/registry/compounds/bench-big`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: '基准大型小区', address: '青岛市市南区基准路1号', communityId: compound.communityId, buildings: big.buildings, gridIds: [], contract: null }) });
  const csv = rowsToCsv(rows);
  const send = async (mode: string) => {
    const t = performance.now();
    const res = await fetch(`${district.url}/api/registry/compounds/bench-big/register/imports`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ mode, fileName: 'big.csv', contentBase64: Buffer.from(csv).toString('base64') }) });
    const json = (await res.json()) as { ok: boolean; version: number | null };
    if (!json.ok) throw new Error(`import failed: ${JSON.stringify(json).slice(0, 300)}`);
    return performance.now() - t;
  };
  const dry = await send('dry-run');
  const commit = await send('commit');
  const again = await send('commit');
  say('## Register import, 5,000 units (one compound, through the local host)');
  say();
  say(`File: ${kb(Buffer.byteLength(csv))} KB UTF-8 CSV.`);
  say();
  say('| step | ms |');
  say('|---|---:|');
  say(`| dry run (decode, validate every row, totals preview) | ${ms(dry)} |`);
  say(`| commit (stage 5,000 rows, one transaction) | ${ms(commit)} |`);
  say(`| commit of the same file again (no-op) | ${ms(again)} |`);
  say();

  // Household codes for the same 5,000 units (a rating code names a campaign), then exchanges of some of them.
  const campaign = await fetch(`${district.url}/api/ratings/campaigns/bench`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ title: '基准测试评价', period: '基准', issuer: '基准', templateId: 'standard', opensAt: new Date(Date.now() - 60_000).toISOString(), closesAt: new Date(Date.now() + 2 * 86_400_000).toISOString(), compoundIds: ['bench-big'] }) });
  if (campaign.status !== 201) throw new Error(`campaign: ${campaign.status} ${await campaign.text()}`);
  let t = performance.now();
  const res = await fetch(`${district.url}/api/registry/compounds/bench-big/codes`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ purpose: { kind: 'rating', id: 'bench', title: '基准' }, expiresAt: new Date(Date.now() + 86_400_000).toISOString() }) });
  const batch = (await res.json()) as { letters: { code: string }[] };
  const issueMs = performance.now() - t;
  const exchanges: number[] = [];
  for (const [i, l] of batch.letters.slice(0, 100).entries()) {
    t = performance.now();
    // Each from its own loopback address, as separate households would be.
    const status = await postFrom(`127.0.20.${i + 1}`, `${district.url}/api/auth/household`, JSON.stringify({ code: l.code }));
    if (status !== 200) throw new Error(`exchange ${i}: ${status}`);
    exchanges.push(performance.now() - t);
  }
  say('## Household codes (same compound, 5,000 units)');
  say();
  say('| step | ms |');
  say('|---|---:|');
  say(`| issue 5,000 first codes (batch writes, 8 batches at a time) | ${ms(issueMs)} |`);
  say(`| exchange a code for a resident token, p50 of 100 households | ${ms(pct(exchanges, 50))} |`);
  say();
}

const started = new Date();
say(`# Benchmarks`);
say();
say(`Command: \`npm run bench\` · Date: ${started.toISOString().slice(0, 10)} · Node ${process.version} · ${(await import('node:os')).cpus().length} cores (${(await import('node:os')).cpus()[0]?.model.trim()})`);
say();
// No timers: P9 runs the sweep at the moments it chooses.
const district = await startLocalDistrict({ seed: 'structure', schedules: false, onError: (e) => console.error(e) });
// BENCH_ONLY=p4,p5 runs some sections and leaves RESULTS.md alone (for working on one target).
const only = process.env.BENCH_ONLY?.split(',') ?? null;
const run = (name: string) => !only || only.includes(name);
try {
  if (run('p1')) await p1(district);
  if (run('register')) await registerImport(district);
  if (run('p4')) await p4(district);
  if (run('p5')) await p5(district);
  if (run('publication')) await publication(district);
  if (run('p3')) await p3(district);
  if (run('p8')) await p8(district);
  if (run('p9')) await p9(district);
  if (run('p10')) await p10(district);
  if (run('appeal-page')) await appealPage(district);
  if (run('p11')) await p11(district);
  if (run('evaluation-events')) await evaluationEvents(district);
} finally {
  await district.stop();
}
if (run('p7')) p7();
if (run('p2')) await p2();
if (only) process.exit(0);
const file = join(ROOT, 'test', 'bench', 'RESULTS.md');
writeFileSync(file, lines.join('\n') + '\n');
console.log(`\nWritten to ${file}`);
void readFileSync;
