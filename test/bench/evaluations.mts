// P11 (a quarter's assessment of the 50 communities from a year of stored records) and the
// evaluation events through the queue against raw writes. Numbers go to RESULTS.md.
import { BatchWriteCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { CreateQueueCommand, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import type { startLocalDistrict } from '../../infra/local/district.ts';
import { pollQueue, type SqsHandler } from '../../infra/local/queues.ts';
import { queues } from '../../functions/manifest.ts';
import { keys } from '../../functions/lib/keys.ts';
import { caseMonthFiller } from './appeals.mts';
import { ms, say } from './report.mts';

type District = Awaited<ReturnType<typeof startLocalDistrict>>;
const SYSTEM = { kind: 'staff', sub: 'bench', role: 'district_admin', scopeId: 'district', name: 'bench' } as const;

async function batchWrite(district: District, items: Record<string, unknown>[], width = 16) {
  const chunks = Array.from({ length: Math.ceil(items.length / 25) }, (_, i) => items.slice(i * 25, i * 25 + 25));
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < chunks.length) {
      let request = chunks[next++]!.map((Item) => ({ PutRequest: { Item } }));
      while (request.length) {
        const out = await district.doc.send(new BatchWriteCommand({ RequestItems: { [district.tableName]: request } }));
        request = (out.UnprocessedItems?.[district.tableName] ?? []) as typeof request;
      }
    }
  }));
}

/** A closed rating campaign of the 238 compounds with its published notices and its submissions (not read by the assessment). */
async function campaignWithNotices(district: District, id: string, closesAt: string, submissions: number) {
  const { demoDistrict } = await import('../../infra/local/demo-district.ts');
  const compounds = demoDistrict().compounds;
  const items: Record<string, unknown>[] = [
    { ...keys.campaign(id), et: 'campaign', id, title: id, opensAt: new Date(Date.parse(closesAt) - 21 * 86_400_000).toISOString(), closesAt, compoundIds: compounds.map((c) => c.id) },
  ];
  for (const [i, c] of compounds.entries()) {
    const respondents = 150 + (i % 100);
    const satisfied = Math.floor(respondents * 0.7);
    items.push({ ...keys.campaignCompound(id, c.id), et: 'campaign-compound', campaignId: id, compoundId: c.id, publishedVersion: 1 });
    items.push({ ...keys.notice(id, c.id, 1), et: 'notice', campaignId: id, compoundId: c.id, version: 1, figures: { quality: { respondents, households: 600, overall: { satisfied, basic: Math.floor(respondents * 0.2), unsatisfied: respondents - satisfied - Math.floor(respondents * 0.2) } } } });
  }
  for (let n = 0; n < submissions; n++) {
    const c = compounds[n % compounds.length]!;
    items.push({ ...keys.ratingSubmission(id, c.id, `${1 + (n % 9)}号楼`, String(n)), et: 'rating', campaignId: id, compoundId: c.id, overall: 'satisfied', scores: { service: 4 } });
  }
  await batchWrite(district, items);
}

/**
 * P11: the assessment of a quarter (2022-Q2) computed from its stored records, first with only
 * that quarter's records in the table, then with a whole year's (190,000 cases, two rating
 * campaigns with 100,000 submissions over the 238 compounds); next to a raw read of the
 * quarter's month indexes in the same run. The assessment should grow with the quarter's records.
 */
export async function p11(district: District) {
  const { computeQuarter, freezeQuarter } = await import('../../functions/assessment/results-store.ts');
  const { fill } = await caseMonthFiller(district);
  const months = Array.from({ length: 12 }, (_, i) => `2022-${String(i + 1).padStart(2, '0')}`);
  const quarterMonths = months.slice(3, 6);
  const perMonth = 190_000 / 12;
  for (const m of quarterMonths) await fill(m, Math.round(perMonth));
  await campaignWithNotices(district, 'bench-p11-h1', '2022-06-20T02:00:00.000Z', 50_000);
  const rawRead = async () => {
    const t = performance.now();
    let n = 0;
    for (const m of quarterMonths) {
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await district.doc.send(new QueryCommand({ TableName: district.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.caseMonthPk(m) }, ConsistentRead: true, ExclusiveStartKey }));
        n += page.Items?.length ?? 0;
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
    }
    return { n, ms: performance.now() - t };
  };
  const timed = async () => {
    const runs: number[] = [];
    let last: Awaited<ReturnType<typeof computeQuarter>> | null = null;
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      last = await computeQuarter('2022-Q2', Date.parse('2022-07-15T00:00:00Z'));
      runs.push(performance.now() - t);
    }
    return { ms: runs.sort((a, b) => a - b)[1]!, result: last! };
  };
  const raw1 = await rawRead();
  const alone = await timed();
  // The rest of the year: nine more months of cases and the second half-year's campaign.
  for (const m of months.filter((x) => !quarterMonths.includes(x))) await fill(m, Math.round(perMonth));
  await campaignWithNotices(district, 'bench-p11-h2', '2022-12-20T02:00:00.000Z', 50_000);
  const raw2 = await rawRead();
  const year = await timed();
  const t = performance.now();
  const frozen = await freezeQuarter('2022-Q2', undefined, SYSTEM);
  const freezeMs = performance.now() - t;
  const cases = alone.result.inputs.cases;
  say('## P11 — a quarter\'s assessment of the 50 communities from the stored records');
  say();
  say(`2022-Q2 computed by \`computeQuarter\` (the appeals' month indexes of the quarter, the notices of the rating campaigns that closed in it, the committees index, the entries and cross reviews): median of 3 runs. First with only the quarter's records in the table (${cases.toLocaleString('en')} cases, one campaign with ${'50,000'} submissions and 238 notices), then with the whole year's (190,000 cases, two campaigns, 100,000 submissions). The raw read is a consistent Query of the quarter's three month indexes, whole items, in the same run.`);
  say();
  say('| run | cases in the quarter | records in the table | ms | vs raw read |');
  say('|---|---:|---|---:|---:|');
  say(`| raw read of the quarter's month indexes | ${raw1.n.toLocaleString('en')} | the quarter's | ${ms(raw1.ms)} | 1.00 |`);
  say(`| assessment, only the quarter's records | ${cases.toLocaleString('en')} | the quarter's | ${ms(alone.ms)} | ${(alone.ms / raw1.ms).toFixed(2)} |`);
  say(`| raw read, a year in the table | ${raw2.n.toLocaleString('en')} | a year's | ${ms(raw2.ms)} | 1.00 |`);
  say(`| assessment, a year in the table | ${year.result.inputs.cases.toLocaleString('en')} | a year's | ${ms(year.ms)} | ${(year.ms / raw2.ms).toFixed(2)} |`);
  say(`| freeze the quarter (compute, compare, one transaction) | ${frozen.inputs.cases.toLocaleString('en')} | a year's | ${ms(freezeMs)} | ${(freezeMs / raw2.ms).toFixed(2)} |`);
  say();
  say(`With four times the records in the table the quarter took ${(year.ms / alone.ms).toFixed(2)}× as long (target: about 1, since it reads the quarter's partitions only); the frozen table is ${(Buffer.byteLength(JSON.stringify(frozen)) / 1024).toFixed(0)} KB.`);
  say();
}

/** Evaluation events through the queue into the live figures, against raw writes (target ≥ 0.5×). */
export async function evaluationEvents(district: District) {
  const { handler } = await import('../../functions/evaluations/on-evaluation-event.ts');
  const N = Number(process.env.BENCH_EVAL_EVENTS ?? 2000);
  const client = district.queues.client;
  const origin = new URL(Object.values(district.queues.urls)[0]!).origin;
  const rows: string[] = [];
  for (const consumers of [1, 4]) {
    const roundId = `bench-eval-${consumers}`;
    // 50 departments, each rated by N / 50 communities.
    const records = Array.from({ length: N }, (_, i) => ({ communityId: `c-${Math.floor(i / 50)}`, departmentId: `d-${i % 50}` }));
    await batchWrite(district, records.map((r) => ({ ...keys.evaluation(roundId, r.communityId, r.departmentId), et: 'evaluation', roundId, ...r, scores: { responsiveness: 4, projects: 3, presence: 5, overall: 4 }, comment: '', submittedAt: new Date().toISOString(), by: 'bench', requestKey: 'bench' })));
    const url = (await client.send(new CreateQueueCommand({ QueueName: `${district.tableName}-bench-eval-${consumers}`, Attributes: { VisibilityTimeout: '120' } }))).QueueUrl!.replace(/^http:\/\/[^/]+/, origin);
    const events = records.map((r, i) => ({ Id: String(i % 10), MessageBody: JSON.stringify({ type: 'evaluation.submitted', v: 1, eventId: `e${i}`, roundId, ...r }) }));
    for (let i = 0; i < events.length; i += 10) await client.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: events.slice(i, i + 10) }));
    const t = performance.now();
    const pollers = Array.from({ length: consumers }, () => pollQueue(client, url, queues.evaluationEvents, async () => handler as unknown as SqsHandler, (e) => console.error(e)));
    for (;;) {
      const { Item } = await district.doc.send(new GetCommand({ TableName: district.tableName, Key: keys.evalLive(roundId), ConsistentRead: true }));
      if (Object.entries(Item ?? {}).reduce((s, [k, v]) => s + (k.startsWith('n_') ? (v as number) : 0), 0) >= N) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    const pipeline = performance.now() - t;
    await Promise.all(pollers.map((p) => p.stop()));
    const markers = records.map((r) => ({ pk: `RAWEVAL#${roundId}#${r.departmentId}`, sk: r.communityId, et: 'bench-raw', counted: true }));
    const r0 = performance.now();
    await batchWrite(district, markers, consumers);
    const raw = performance.now() - r0;
    const eps = (N / pipeline) * 1000;
    const rawEps = (N / raw) * 1000;
    rows.push(`| ${consumers} | ${N} | ${eps.toFixed(0)} | ${rawEps.toFixed(0)} | ${(eps / rawEps).toFixed(2)} |`);
  }
  say('## Evaluation events through the queue into the live figures');
  say();
  say(`${N} stored evaluations (50 departments); one \`evaluation.submitted\` event each, sent to a fresh queue in the SQS emulator. Pipeline: the local poller -> the real consumer (one BatchGet of the batch's evaluations, then one conditional UpdateItem per round that moves the departments' counters and the set of counted evaluations together) -> DynamoDB Local, until every evaluation is counted. Raw: one small item per event written with plain BatchWriteItem, 25 per call, as many writers as consumers.`);
  say();
  say('| consumers | events | pipeline events/s | raw batch writes items/s | ratio (target ≥ 0.5) |');
  say('|---:|---:|---:|---:|---:|');
  for (const row of rows) say(row);
  say();
}
