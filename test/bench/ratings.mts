// Ratings benchmarks (issue 5): P4, the rating page on a slow phone network; P5, rating
// events through the SQS emulator and the consumer into DynamoDB Local next to raw batch
// writes of the same items; and publication of a district-wide campaign at two sizes.
import { BatchWriteCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { CreateQueueCommand, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import type { startLocalDistrict } from '../../infra/local/district.ts';
import { demoDistrict, demoRegisterRows, rowsToCsv } from '../../infra/local/demo-district.ts';
import { pollQueue, type SqsHandler } from '../../infra/local/queues.ts';
import { queues } from '../../functions/manifest.ts';
import { keys } from '../../functions/lib/keys.ts';
import { CONTRACT_ANSWERS, DEFAULT_DIMENSIONS, OVERALL_ANSWERS } from '../../shared/ratings/questionnaire.ts';
import { timeOnPhone } from './phone.mts';
import { kb, ms, pct, say } from './report.mts';

type District = Awaited<ReturnType<typeof startLocalDistrict>>;
const d = demoDistrict();
const withItems = d.compounds.filter((c) => (c.contract?.serviceItems.length ?? 0) >= 4);
const SYSTEM = { kind: 'staff', sub: 'bench', role: 'district_admin', scopeId: 'district', name: 'bench' } as const;

async function http(district: District, token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${district.url}${path}`, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return JSON.parse(text);
}

function campaignBody(compoundIds: string[], title = '基准测试评价') {
  return { title, period: '基准', issuer: '基准', templateId: 'standard', opensAt: new Date(Date.now() - 60_000).toISOString(), closesAt: new Date(Date.now() + 3_600_000).toISOString(), compoundIds };
}

/** A stored submission as the submission store writes it, made up for volume. */
function submission(campaignId: string, compoundId: string, items: number, i: number) {
  const building = `${1 + (i % 12)}号楼`;
  const unit = `${1 + Math.floor(i / 12)}-${i % 4}`;
  return {
    ...keys.ratingSubmission(campaignId, compoundId, building, unit), et: 'rating', campaignId, compoundId, building, unit,
    contract: Array.from({ length: items }, (_, k) => CONTRACT_ANSWERS[(i + k) % 4]!),
    scores: Object.fromEntries(DEFAULT_DIMENSIONS.map((dim, k) => [dim.id, 1 + ((i + k) % 5)])),
    overall: OVERALL_ANSWERS[i % 3]!, idempotencyKey: `bench-${i}-0000000000`, receiptId: `R${i}`, submittedAt: new Date().toISOString(), qrev: 1,
  };
}

export async function p4(district: District) {
  const token = await district.auth.issue('admin');
  const compound = withItems[0]!;
  await http(district, token, 'POST', `/api/registry/compounds/${compound.id}/register/imports`, { mode: 'commit', fileName: 'p4.csv', contentBase64: Buffer.from(rowsToCsv(demoRegisterRows(compound).slice(0, 20))).toString('base64') });
  await http(district, token, 'PUT', '/api/ratings/campaigns/bench-p4', campaignBody([compound.id]));
  const { letters } = await http(district, token, 'POST', `/api/registry/compounds/${compound.id}/codes`, { purpose: { kind: 'rating', id: 'bench-p4', title: '基准' }, expiresAt: new Date(Date.now() + 3_000_000).toISOString() });
  const RUNS = 5;
  const { slow, fast, bytes: seen } = await timeOnPhone({
    runs: RUNS,
    open: async (page, run) => {
      await page.goto(`${district.url}/resident.html?c=${compound.id}#code=${letters[run]!.code}`);
      await page.getByRole('button', { name: '开始评价' }).waitFor({ timeout: 30_000 });
    },
  });
  const bytes = seen.filter((b) => b.type === 'document' || b.type === 'script' || b.type === 'stylesheet');
  const total = bytes.reduce((s, b) => s + b.size, 0);
  say('## P4 — the rating page on a phone');
  say();
  say(`From opening the letter's QR link (code in the fragment) until the form is on screen and answerable: the page, its code exchange and the form request. ${RUNS} runs each, fresh browser context, cache off, 390×844, interleaved.`);
  say();
  say('| what | value | target |');
  say('|---|---:|---:|');
  say(`| bytes transferred for HTML + JS + CSS, gzipped (${bytes.map((b) => `${b.type} ${kb(b.size)} KB`).join(', ')}) | ${kb(total)} KB | ≤ 40 KB |`);
  say(`| time to an answerable form, Slow 3G (400 kbps, 400 ms RTT), median | ${ms(pct(slow, 50))} ms | ≤ 3000 ms |`);
  say(`| the same, Slow 3G, worst of ${RUNS} | ${ms(Math.max(...slow))} ms | |`);
  say(`| the same without throttling (baseline), median | ${ms(pct(fast, 50))} ms | |`);
  say();
}

export async function p5(district: District) {
  const token = await district.auth.issue('admin');
  const { handler } = await import('../../functions/ratings/on-rating-event.ts');
  const N = Number(process.env.BENCH_EVENTS ?? 4000);
  const compounds = withItems.slice(1, 11);
  const client = district.queues.client;
  const origin = new URL(Object.values(district.queues.urls)[0]!).origin;
  const rows: string[] = [];
  for (const consumers of [1, 4]) {
    const campaignId = `bench-p5-${consumers}`;
    await http(district, token, 'PUT', `/api/ratings/campaigns/${campaignId}`, campaignBody(compounds.map((c) => c.id)));
    const subs = Array.from({ length: N }, (_, i) => submission(campaignId, compounds[i % compounds.length]!.id, compounds[i % compounds.length]!.contract!.serviceItems.length, Math.floor(i / compounds.length)));
    for (let i = 0; i < subs.length; i += 25) await district.doc.send(new BatchWriteCommand({ RequestItems: { [district.tableName]: subs.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
    const url = (await client.send(new CreateQueueCommand({ QueueName: `${district.tableName}-bench-${consumers}`, Attributes: { VisibilityTimeout: '120' } }))).QueueUrl!.replace(/^http:\/\/[^/]+/, origin);
    const events = subs.map((s, i) => ({ Id: String(i % 10), MessageBody: JSON.stringify({ type: 'rating.submitted', v: 1, eventId: `b${i}`, campaignId, compoundId: s.compoundId, building: s.building, unit: s.unit }) }));
    for (let i = 0; i < events.length; i += 10) await client.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: events.slice(i, i + 10) }));

    // Pipeline: queue -> consumer(s) -> counters and markers, until every submission is counted.
    const t = performance.now();
    const pollers = Array.from({ length: consumers }, () => pollQueue(client, url, queues.ratingEvents, async () => handler as unknown as SqsHandler, (e) => console.error(e)));
    for (;;) {
      const page = await district.doc.send(new QueryCommand({ TableName: district.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.liveFiguresPk(campaignId) }, ConsistentRead: true }));
      const counted = (page.Items ?? []).reduce((s, item) => s + ((item.k_n as number) ?? 0), 0);
      if (counted >= N) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    const pipeline = performance.now() - t;
    await Promise.all(pollers.map((p) => p.stop()));

    // Raw: the same N marker items written with plain batch writes, as many writers as consumers.
    const markers = subs.map((s) => ({ pk: `RAW#${campaignId}#${s.compoundId}`, sk: `UNIT#${s.building}#${s.unit}`, et: 'bench-raw', counted: true, at: new Date().toISOString() }));
    const r = performance.now();
    let next = 0;
    await Promise.all(Array.from({ length: consumers }, async () => {
      while (next < markers.length) {
        const chunk = markers.slice(next, next + 25);
        next += 25;
        await district.doc.send(new BatchWriteCommand({ RequestItems: { [district.tableName]: chunk.map((Item) => ({ PutRequest: { Item } })) } }));
      }
    }));
    const raw = performance.now() - r;
    const eps = (N / pipeline) * 1000;
    const rawEps = (N / raw) * 1000;
    rows.push(`| ${consumers} | ${N} | ${eps.toFixed(0)} | ${rawEps.toFixed(0)} | ${(eps / rawEps).toFixed(2)} |`);
  }
  say('## P5 — rating events through the queue into the live figures');
  say();
  say(`${N} stored submissions over ${compounds.length} compounds; one \`rating.submitted\` event each, sent to a fresh queue in the SQS emulator. Pipeline: the local poller (batches of up to 100, as Lambda's batching window gives) -> the real consumer (one BatchGet of the submissions and figures, then one conditional UpdateItem per compound per batch that moves the counters and the set of counted households together) -> DynamoDB Local, until every submission is counted. Raw: one small item per event (a household key and a flag, ${N} items) written with plain BatchWriteItem, 25 per call, with as many writers as consumers.`);
  say();
  say('| consumers | events | pipeline events/s | raw batch writes items/s | ratio (target ≥ 0.5) |');
  say('|---:|---:|---:|---:|---:|');
  for (const row of rows) say(row);
  say();
}

export async function publication(district: District) {
  const { putCampaign, closeCampaign } = await import('../../functions/ratings/campaign-store.ts');
  const { publishCompound } = await import('../../functions/ratings/publication-store.ts');
  const { batchPut } = await import('../../functions/lib/batch-write.ts');
  // Every compound gets 600 households so that participation is meaningful.
  for (const c of d.compounds) await district.doc.send(new UpdateCommand({ TableName: district.tableName, Key: keys.compound(c.id), UpdateExpression: 'SET unitCount = :n', ExpressionAttributeValues: { ':n': 600 } }));
  const rows: { size: number; load: number; publish: number }[] = [];
  for (const size of [10_000, 100_000]) {
    const campaignId = `bench-pub-${size}`;
    await putCampaign(campaignId, campaignBody(d.compounds.map((c) => c.id), `基准发布${size}`), SYSTEM);
    const l = performance.now();
    const items = Array.from({ length: size }, (_, i) => {
      const c = d.compounds[i % d.compounds.length]!;
      return submission(campaignId, c.id, c.contract?.serviceItems.length ?? 0, Math.floor(i / d.compounds.length));
    });
    await batchPut(items, 16);
    const load = performance.now() - l;
    await closeCampaign(campaignId, SYSTEM);
    const t = performance.now();
    let next = 0;
    await Promise.all(Array.from({ length: 8 }, async () => {
      while (next < d.compounds.length) await publishCompound(campaignId, d.compounds[next++]!.id, undefined, SYSTEM);
    }));
    rows.push({ size, load, publish: performance.now() - t });
  }
  say(`## Publication of a district-wide campaign (${d.compounds.length} compounds)`);
  say();
  say('Submissions written straight to the table (not timed as publication), the campaign closed, then every compound published: each reads all its stored submissions (consistent query), computes both notices and writes the frozen version in one transaction with the audit entry. 8 compounds at a time, each as one call of the per-compound publication (the route the staff page calls).');
  say();
  say('| submissions | load (batch writes) ms | publish all ms | ms per 1,000 submissions |');
  say('|---:|---:|---:|---:|');
  for (const r of rows) say(`| ${r.size.toLocaleString('en')} | ${ms(r.load)} | ${ms(r.publish)} | ${ms(r.publish / (r.size / 1000))} |`);
  say();
  const [small, big] = rows as [typeof rows[number], typeof rows[number]];
  const perThousand = (big.publish - small.publish) / ((big.size - small.size) / 1000);
  say(`From 10,000 to 100,000 submissions (10×) publication took ${(big.publish / small.publish).toFixed(1)}× as long. Each extra 1,000 submissions cost about ${ms(perThousand)} ms (each is read once); the rest, about ${ms(small.publish - (small.size / 1000) * perThousand)} ms, is per compound (${d.compounds.length} transactions and reads) and does not grow with the submissions.`);
  say();
}
