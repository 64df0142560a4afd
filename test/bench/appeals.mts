// Appeals benchmarks (issue 14): P8, signed work orders through the webhook into stored cases
// next to raw writes of the same items, and the FIFO consumer's events next to raw writes; P9,
// the sweep over many open cases with few due, which must grow with the due ones only.
import { randomBytes } from 'node:crypto';
import { BatchWriteCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { SendMessageBatchCommand, GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import type { startLocalDistrict } from '../../infra/local/district.ts';
import { demoWorkOrder } from '../../infra/local/platform-12345.ts';
import { sign, SIGNATURE_HEADERS } from '../../functions/appeals/signature.ts';
import { keys } from '../../functions/lib/keys.ts';
import { ms, pct, say } from './report.mts';

type District = Awaited<ReturnType<typeof startLocalDistrict>>;

async function pool<T>(items: T[], width: number, fn: (item: T, i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const t = performance.now();
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i]!, i);
    }
  }));
  return performance.now() - t;
}

export async function p8(district: District) {
  const N = Number(process.env.BENCH_ORDERS ?? 1000);
  const WIDTH = 16;
  const { webhookKeys } = await import('../../functions/appeals/webhook-key.ts');
  const key = (await webhookKeys(true))[0]!;
  const seed = Date.now();
  const orders = Array.from({ length: N + 50 }, (_, i) => demoWorkOrder(i + 1, seed));
  const post = async (order: (typeof orders)[number]) => {
    const body = JSON.stringify(order);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = randomBytes(16).toString('hex');
    const res = await fetch(`${district.url}/api/appeals/12345/work-orders`, { method: 'POST', headers: { 'content-type': 'application/json', [SIGNATURE_HEADERS.timestamp]: timestamp, [SIGNATURE_HEADERS.nonce]: nonce, [SIGNATURE_HEADERS.signature]: sign(key, timestamp, nonce, body) }, body });
    if (res.status !== 200) throw new Error(`work order refused: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  };
  // Warm up: module loading, connections, the routing table's cache.
  await pool(orders.slice(N), WIDTH, post);
  const webhook = await pool(orders.slice(0, N), WIDTH, post);

  // The same items written raw: what one work order stores (the case, its first step, its
  // outbox event, its four list entries, the order's index, the nonce, the caller) as one
  // transaction of conditional puts, and as the case alone.
  const TableName = district.tableName;
  const doc = district.doc;
  const { caseOf } = await import('../../functions/appeals/intake.ts');
  const { positionsOf } = await import('../../functions/appeals/case-record.ts');
  const samples = await Promise.all(orders.slice(0, N).map((o) => caseOf({ channel: '12345', type: o.type, categoryWord: o.category, content: o.content, address: o.address, phone: o.callerPhone, urgency: o.urgency, enterprise: o.enterprise, receivedAt: o.receivedAt, order: { no: o.orderNo, revision: 1 } })));
  const raw = await pool(samples, WIDTH, async (c, i) => {
    const put = (Item: Record<string, unknown>) => ({ Put: { TableName, Item, ConditionExpression: 'attribute_not_exists(pk)' } });
    await doc.send(new TransactWriteCommand({
      TransactItems: [
        put({ pk: `RAWCASE#${c.id}`, sk: 'CASE', ...c }),
        put({ pk: `RAWCASE#${c.id}`, sk: 'EV#000001', kind: 'received', at: c.createdAt }),
        put({ pk: `RAWOUTBOX#${c.id}`, sk: 'EVENT', body: '{}' }),
        ...positionsOf(c).map((p) => put({ pk: `RAW${p.pk}`, sk: p.sk, ...p.item })),
        put({ pk: `RAWORDER#${i}-${seed}`, sk: 'ORDER', caseId: c.id }),
        put({ pk: `RAWNONCE#${i}-${seed}`, sk: 'NONCE' }),
        put({ pk: `RAWCASE#${c.id}`, sk: 'CALLER', phone: '13800000000' }),
      ],
    }));
  });
  const single = await pool(samples, WIDTH, async (c) => {
    await doc.send(new PutCommand({ TableName, Item: { pk: `RAWONE#${c.id}`, sk: 'CASE', ...c }, ConditionExpression: 'attribute_not_exists(pk)' }));
  });
  const rate = (n: number, msTaken: number) => (n / (msTaken / 1000));
  say('## P8 — 12345 work orders into stored cases (POST /api/appeals/12345/work-orders)');
  say();
  say(`${N} signed work orders from the demo catalogue, ${WIDTH} at a time, through the local host (HTTP, signature, schema, place and routing lookups, one transaction); then the same items written raw, ${WIDTH} at a time, in the same run.`);
  say();
  say('| path | orders/s | ratio |');
  say('|---|---:|---:|');
  say(`| raw: one conditional PutItem of the case alone | ${rate(N, single).toFixed(0)} | ${(rate(N, single) / rate(N, raw)).toFixed(2)} |`);
  say(`| raw: the same transaction of conditional puts a work order stores | ${rate(N, raw).toFixed(0)} | 1.00 |`);
  say(`| webhook, whole stack | ${rate(N, webhook).toFixed(0)} | ${(rate(N, webhook) / rate(N, raw)).toFixed(2)} |`);
  say();
  say(`Webhook vs the same items written raw: ${(rate(N, webhook) / rate(N, raw)).toFixed(2)}× (target ≥ 0.5×). Shinan's peak of several thousand a day is about 0.1 a second.`);
  say();

  // The FIFO consumer: events for the cases just stored, sent to the queue in many groups, drained by the district's poller.
  const ids = samples.slice(0, Math.min(N, 500)).map((c) => c.id);
  const real: string[] = [];
  // Cases the webhook stored (the raw ones above are not cases): the index of each order.
  const { GetCommand } = await import('@aws-sdk/lib-dynamodb');
  for (const o of orders.slice(0, ids.length)) {
    const { Item } = await doc.send(new GetCommand({ TableName, Key: keys.workOrder(o.orderNo) }));
    if (Item) real.push(Item.caseId as string);
  }
  const url = district.queues.urls['appeal-events']!;
  const depth = async () => {
    const a = (await district.queues.client.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }))).Attributes ?? {};
    return Number(a.ApproximateNumberOfMessages ?? 0) + Number(a.ApproximateNumberOfMessagesNotVisible ?? 0);
  };
  while ((await depth()) > 0) await new Promise((r) => setTimeout(r, 200));
  // Counted afresh: each case's contribution is taken away first, so every event is a first
  // count (the path of a new step), not the idempotent no-op of a redelivery.
  const { DeleteCommand } = await import('@aws-sdk/lib-dynamodb');
  await pool(real, 16, async (id) => {
    await doc.send(new DeleteCommand({ TableName, Key: { pk: `CASE#${id}`, sk: 'LIVE' } }));
  });
  let t = performance.now();
  for (let i = 0; i < real.length; i += 10) {
    await district.queues.client.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: real.slice(i, i + 10).map((id, j) => ({ Id: String(j), MessageBody: JSON.stringify({ type: 'appeal.step', v: 1, eventId: `bench-${id}`, caseId: id, rev: 1, kind: 'received' }), MessageGroupId: id, MessageDeduplicationId: `bench-${id}-${seed}` })) }));
  }
  while ((await depth()) > 0) await new Promise((r) => setTimeout(r, 50));
  const consumer = performance.now() - t;
  t = performance.now();
  for (const id of real) {
    await doc.send(new TransactWriteCommand({ TransactItems: [
      { Put: { TableName, Item: { pk: `RAWLIVE#${id}`, sk: 'LIVE', rev: 1 } } },
      { Update: { TableName, Key: { pk: 'RAWAPPEALLIVE', sk: 'UNIT' }, UpdateExpression: 'ADD #t :one', ExpressionAttributeNames: { '#t': 'total' }, ExpressionAttributeValues: { ':one': 1 } } },
    ] }));
  }
  const rawEvents = performance.now() - t;
  say('### The FIFO consumer (appeal-events, grouped by case)');
  say();
  say(`${real.length} events, one per case, each in its own group, drained by the local district's poller (one consumer; in a batch of 10 the groups run side by side and each group in order, functions/lib/consumer.ts), against the same count of raw writes made one at a time (a put and a counter update in one transaction, what counting a case costs at least).`);
  say();
  say('| path | events/s | ratio |');
  say('|---|---:|---:|');
  say(`| raw writes, one at a time | ${rate(real.length, rawEvents).toFixed(0)} | 1.00 |`);
  say(`| consumer: read the case and its live contribution, count it (a put and the counter updates in one transaction) | ${rate(real.length, consumer).toFixed(0)} | ${(rate(real.length, consumer) / rate(real.length, rawEvents)).toFixed(2)} |`);
  say();
  say(`Consumer vs raw writes: ${(rate(real.length, consumer) / rate(real.length, rawEvents)).toFixed(2)}× (target ≥ 0.5×). On AWS, FIFO groups are handled by as many concurrent invocations as there are groups with messages (up to the function's concurrency); locally one poller drains them.`);
  say();
}

export async function p9(district: District) {
  const { caseOf } = await import('../../functions/appeals/intake.ts');
  const { commitCase } = await import('../../functions/appeals/case-record.ts');
  const { sweep } = await import('../../functions/appeals/sweep.ts');
  const TableName = district.tableName;
  const doc = district.doc;
  const DAY = 86_400_000;
  const HOUR = 3_600_000;
  /** Cases received on one day: they fall due together at the end of their deadline's day. */
  const dueCases = async (count: number, dayOffset: number) => {
    const receivedAt = new Date(Date.now() + dayOffset * DAY).toISOString();
    let due = '';
    await pool(Array.from({ length: count }, (_, i) => i), 16, async (i) => {
      const o = demoWorkOrder(i + 1, dayOffset * 7919 + count);
      const c = await caseOf({ channel: '12345', type: o.type, categoryWord: o.category, content: o.content, address: o.address, phone: o.callerPhone, urgency: 'normal', enterprise: false, receivedAt }, new Date(receivedAt));
      // Not carded yet: its marks wait in the index, yellow at 80%, red at the deadline.
      await commitCase(null, { ...c, card: 'none' }, { kind: 'received', at: receivedAt, by: { role: 'platform' } });
      due = c.view.replyDue.due;
    });
    return due;
  };
  /** Marks of open cases not yet due: in the buckets after the deadline, and later in the same hour. */
  const filler = async (count: number, after: string) => {
    const base = Date.parse(after);
    const items = Array.from({ length: count }, (_, i) => {
      const at = new Date(base + 2000 + (i % 50 === 0 ? (i % 3000) : (i * 97_000) % (30 * DAY))).toISOString();
      return { ...keys.sweepMark(at, `filler${String(i).padStart(16, '0')}`, i % 2 ? 'red' : 'yellow'), et: 'sweep-mark', caseId: `filler${i}`, card: 'red', at };
    });
    await pool(Array.from({ length: Math.ceil(items.length / 25) }, (_, i) => items.slice(i * 25, i * 25 + 25)), 16, async (chunk) => {
      await doc.send(new BatchWriteCommand({ RequestItems: { [TableName]: chunk.map((Item) => ({ PutRequest: { Item } })) } }));
    });
  };
  const checkpointAt = (instant: number) => doc.send(new PutCommand({ TableName, Item: { ...keys.sweepCheckpoint(), et: 'sweep-checkpoint', hour: new Date(instant - HOUR).toISOString().slice(0, 13) } }));
  const run = async (label: string, due: string) => {
    await checkpointAt(Date.parse(due));
    const t = performance.now();
    const result = await sweep(Date.parse(due) + 1000);
    return { label, ms: performance.now() - t, ...result };
  };
  const rows = [];
  const dueA = await dueCases(1000, 40);
  rows.push(await run('1,000 due, no other open case', dueA));
  const dueB = await dueCases(1000, 60);
  await filler(49_000, dueB);
  rows.push(await run('1,000 due among 50,000 open', dueB));
  const dueC = await dueCases(100, 80);
  await filler(49_900, dueC);
  rows.push(await run('100 due among 50,000 open', dueC));
  say('## P9 — the sweep (黄牌/红牌), reading only what is due');
  say();
  say('Cases received on one day fall due at the end of their deadline\'s day; the sweep runs one second later. The other open cases are present as what the sweep could touch of them, their marks in the index (49,000 or 49,900, spread over the following 30 days, some later in the same hour); their records are never read. "Marks read" counts every mark due in the window the sweep reads, including other cases\' marks that fall due in the same hours.');
  say();
  say('| run | marks read | cases carded | ms | ms per carded case |');
  say('|---|---:|---:|---:|---:|');
  for (const r of rows) say(`| ${r.label} | ${r.read.toLocaleString('en')} | ${r.marked.toLocaleString('en')} | ${ms(r.ms)} | ${ms(r.ms / Math.max(1, r.marked))} |`);
  say();
  say(`With 49,000 more open cases the sweep read ${rows[1]!.read === rows[0]!.read ? 'the same number of marks' : `${rows[1]!.read} marks instead of ${rows[0]!.read}`} and took ${(rows[1]!.ms / rows[0]!.ms).toFixed(2)}× the time; with a tenth of the due cases, ${(rows[2]!.ms / rows[1]!.ms).toFixed(2)}× (target: grows with the due cases, not with the open ones).`);
  say();
}

/**
 * Writes month index items as the case writes them (the list summary and the rate facts), with
 * units, streets and outcomes spread like the demo's, straight into the table; for P10 and P11.
 */
export async function caseMonthFiller(district: District) {
  const { caseOf } = await import('../../functions/appeals/intake.ts');
  const { positionsOf } = await import('../../functions/appeals/case-record.ts');
  const { demoDistrict } = await import('../../infra/local/demo-district.ts');
  const TableName = district.tableName;
  const doc = district.doc;
  const d = demoDistrict();
  const units = [...d.communities.map((c) => ({ key: `community:${c.id}`, streetId: c.streetId })), ...d.streets.map((s) => ({ key: `street:${s.id}`, streetId: s.id })), ...['dep-zhujian', 'dep-chengguan', 'dep-shichang'].map((id) => ({ key: `department:${id}`, streetId: null }))];
  const o = demoWorkOrder(1, 10);
  const template = await caseOf({ channel: '12345', type: o.type, categoryWord: o.category, content: o.content, address: o.address, phone: o.callerPhone, urgency: 'normal', enterprise: false, receivedAt: '2024-01-01T02:00:00.000Z' }, new Date('2024-01-01T02:00:00.000Z'));
  const monthItem = positionsOf(template).find((p) => p.pk.startsWith('CASEMONTH#'))!.item;
  let seq = 0;
  const fill = async (month: string, count: number) => {
    const items = Array.from({ length: count }, (_, i) => {
      const n = ++seq;
      const unit = units[n % units.length]!;
      const receivedAt = new Date(Date.parse(`${month}-01T00:00:00+08:00`) + (i * 97_003) % (27 * 86_400_000)).toISOString();
      const due = new Date(Date.parse(receivedAt) + 7 * 86_400_000).toISOString();
      const roll = (n * 7919) % 1000;
      const caseId = `bench${String(n).padStart(20, '0')}`;
      return {
        ...monthItem, pk: `CASEMONTH#${month}`, sk: `${receivedAt}#${caseId}`, caseId, receivedAt,
        facts: {
          unit: roll < 20 ? null : unit.key, valid: roll % 37 !== 0, contactDue: new Date(Date.parse(receivedAt) + 86_400_000).toISOString(),
          contactedAt: roll < 900 ? new Date(Date.parse(receivedAt) + 3_600_000).toISOString() : null, replyDue: due,
          repliedAt: roll < 950 ? new Date(Date.parse(due) + (roll < 880 ? -86_400_000 : 86_400_000)).toISOString() : null,
          followUp: roll < 800 ? { solved: roll < 760, satisfaction: roll < 690 ? 'satisfied' : roll < 780 ? 'basic' : 'dissatisfied' } : null,
          streetId: unit.streetId, category: ['property', 'noise', 'road', 'water'][n % 4],
        },
      };
    });
    await pool(Array.from({ length: Math.ceil(items.length / 25) }, (_, i) => items.slice(i * 25, i * 25 + 25)), 16, async (chunk) => {
      let request = chunk.map((Item) => ({ PutRequest: { Item } }));
      while (request.length) {
        const out = await doc.send(new BatchWriteCommand({ RequestItems: { [TableName]: request } }));
        request = (out.UnprocessedItems?.[TableName] ?? []) as typeof request;
      }
    });
  };
  return { fill, units, monthItem, d };
}

/**
 * P10: the monthly report frozen from a month of the district's traffic (16,000 cases), and a
 * year of 190,000 frozen month by month; next to a raw read of the same index in the same run.
 * The month index items are written as the case writes them (the list summary and the rate
 * facts), with units, streets and outcomes spread like the demo's.
 */
export async function p10(district: District) {
  const { freezeMonth, periodReport } = await import('../../functions/appeals/monthly-store.ts');
  const { QueryCommand } = await import('@aws-sdk/lib-dynamodb');
  const TableName = district.tableName;
  const doc = district.doc;
  const { fill, units, monthItem, d } = await caseMonthFiller(district);
  const rawRead = async (month: string) => {
    const t = performance.now();
    let n = 0;
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await doc.send(new QueryCommand({ TableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `CASEMONTH#${month}` }, ConsistentRead: true, ExclusiveStartKey }));
      n += page.Items?.length ?? 0;
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return { n, ms: performance.now() - t };
  };
  const principal = { kind: 'staff' as const, sub: 'bench', role: 'dispatcher' as const, scopeId: 'district', name: 'bench' };

  // One month of the district's traffic.
  await fill('2024-06', 16_000);
  const raw = await rawRead('2024-06');
  let t = performance.now();
  const june = await freezeMonth('2024-06', undefined, principal);
  const monthMs = performance.now() - t;
  // A correction of the same month (read again, compare, write the next version), after one case changed.
  t = performance.now();
  await doc.send(new PutCommand({ TableName, Item: { ...monthItem, pk: 'CASEMONTH#2024-06', sk: '2024-06-30T00:00:00.000Z#benchextra', caseId: 'benchextra', facts: { unit: units[0]!.key, valid: true, contactDue: '2024-06-30T08:00:00.000Z', contactedAt: null, replyDue: '2024-07-05T08:00:00.000Z', repliedAt: null, followUp: null, streetId: units[0]!.streetId, category: 'property' } } }));
  const corrected = await freezeMonth('2024-06', '补录一件', principal);
  const correctionMs = performance.now() - t;

  // A year of 190,000 (about 15,800 a month), frozen month by month.
  const months = Array.from({ length: 12 }, (_, i) => `2023-${String(i + 1).padStart(2, '0')}`);
  for (const [i, m] of months.entries()) await fill(m, i < 10 ? 15_833 : 15_835);
  t = performance.now();
  let yearCases = 0;
  for (const m of months) yearCases += (await freezeMonth(m, undefined, principal)).figures.cases;
  const yearMs = performance.now() - t;
  t = performance.now();
  const half = await periodReport('2023-H2');
  const halfMs = performance.now() - t;

  const perThousand = (msTaken: number, n: number) => msTaken / (n / 1000);
  say('## P10 — the monthly 三率 report frozen from the cases');
  say();
  say(`Month index items as the case writes them (the list summary and the rate facts, ${units.length} units over ${d.streets.length} streets), written straight into DynamoDB Local; then frozen through \`freezeMonth\` (read the month's index, count, rank, compare, one transaction). The raw read is a consistent Query of the same index, whole items, in the same run.`);
  say();
  say('| run | cases | ms | ms per 1,000 cases | vs raw read |');
  say('|---|---:|---:|---:|---:|');
  say(`| raw read of the month's index | ${raw.n.toLocaleString('en')} | ${ms(raw.ms)} | ${ms(perThousand(raw.ms, raw.n))} | 1.00 |`);
  say(`| freeze one month | ${june.figures.cases.toLocaleString('en')} | ${ms(monthMs)} | ${ms(perThousand(monthMs, june.figures.cases))} | ${(monthMs / raw.ms).toFixed(2)} |`);
  say(`| correct it (version ${corrected.version}, ${corrected.changes.length} figures changed) | ${corrected.figures.cases.toLocaleString('en')} | ${ms(correctionMs)} | ${ms(perThousand(correctionMs, corrected.figures.cases))} | ${(correctionMs / raw.ms).toFixed(2)} |`);
  say(`| freeze a year, month by month | ${yearCases.toLocaleString('en')} | ${ms(yearMs)} | ${ms(perThousand(yearMs, yearCases))} | — |`);
  say(`| the half-year summed from its six frozen months | ${half.figures!.cases.toLocaleString('en')} | ${ms(halfMs)} | — | — |`);
  say();
  say(`A year took ${(yearMs / monthMs).toFixed(1)}× one month for ${(yearCases / june.figures.cases).toFixed(1)}× the cases: ${(perThousand(yearMs, yearCases) / perThousand(monthMs, june.figures.cases)).toFixed(2)}× the time per case (target: linear). The freeze reads the facts only (a projection), which is why it is faster than reading the whole items; the frozen report is ${(Buffer.byteLength(JSON.stringify(june)) / 1024).toFixed(0)} KB. A quarter or half-year reads only its months' frozen versions.`);
  say();
}

/**
 * The resident's appeal page on a phone: bytes, and the time from opening it to a form that can
 * be answered (the categories and the compound list loaded), on Slow 3G and without throttling.
 */
export async function appealPage(district: District) {
  const { timeOnPhone } = await import('./phone.mts');
  const RUNS = 5;
  const { slow, fast, bytes } = await timeOnPhone({
    runs: RUNS, viewport: { width: 360, height: 740 },
    open: async (page) => {
      await page.goto(`${district.url}/appeal.html`);
      // Answerable: the categories are in their list and the compound search finds a compound.
      await page.locator('select option[value="property"]').waitFor({ state: 'attached', timeout: 30_000 });
      await page.getByLabel('所在小区').fill('安庆');
      await page.getByRole('button', { name: '安庆路16号小区' }).waitFor({ timeout: 30_000 });
    },
  });
  const code = bytes.filter((b) => ['document', 'script', 'stylesheet'].includes(b.type));
  const data = bytes.filter((b) => ['fetch', 'xhr'].includes(b.type));
  const sum = (list: typeof bytes) => list.reduce((s, b) => s + b.size, 0);
  say('## The appeal page on a phone (appeal.html)');
  say();
  say(`From opening the page until the form can be answered: the category list is filled and typing part of a compound's name finds it (the list of compounds is loaded). ${RUNS} runs each, fresh browser context, cache off, 360×740, interleaved.`);
  say();
  say('| what | value | target |');
  say('|---|---:|---:|');
  say(`| HTML + JS + CSS, gzipped (${code.map((b) => `${b.type} ${(b.size / 1024).toFixed(1)} KB`).join(', ')}) | ${(sum(code) / 1024).toFixed(1)} KB | ≤ 40 KB |`);
  say(`| data it reads (${data.map((b) => `${b.url} ${(b.size / 1024).toFixed(1)} KB`).join(', ')}) | ${(sum(data) / 1024).toFixed(1)} KB | |`);
  say(`| time to an answerable form, Slow 3G (400 kbps, 400 ms RTT), median | ${ms(pct(slow, 50))} ms | ≤ 3000 ms |`);
  say(`| the same, Slow 3G, worst of ${RUNS} | ${ms(Math.max(...slow))} ms | |`);
  say(`| the same without throttling (baseline), median | ${ms(pct(fast, 50))} ms | |`);
  say();
}
