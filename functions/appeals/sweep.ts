// The sweep: every minute (an EventBridge schedule on AWS, a timer locally) it gives cases their
// 黄牌 at 80% of their time and their 红牌 at the deadline. It reads the sweep marks that every
// case write keeps in hour buckets (functions/appeals/case-record.ts), only up to now, so its
// work grows with the cases falling due, not with the cases open; it never scans the table.
// Each card is a step on the case's timeline with its event, like any other.
import { GetCommand, PutCommand, QueryCommand, DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { cardAt } from '../../shared/appeals/deadlines.ts';
import { ddb, tableName } from '../lib/clients.ts';
import { keys } from '../lib/keys.ts';
import { logger } from '../lib/logger.ts';
import { CaseChanged, commitCase, readCase } from './case-record.ts';

const HOUR = 3_600_000;
/** Where a sweep with no checkpoint starts: a day back covers any mark a fresh table can hold. */
const FIRST_LOOK_BACK_MS = 24 * HOUR;
const CONCURRENCY = 16;

interface Mark { pk: string; sk: string; caseId: string; card: 'yellow' | 'red'; at: string }

async function marksDue(hour: string, nowIso: string): Promise<Mark[]> {
  const out: Mark[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await ddb.send(new QueryCommand({
      TableName: tableName(), KeyConditionExpression: 'pk = :pk AND sk <= :upper',
      // sk is "<instant>#<case>#<card>": every mark at or before now sorts below "<now>$".
      ExpressionAttributeValues: { ':pk': keys.sweepPk(hour), ':upper': `${nowIso}$` }, ExclusiveStartKey, ConsistentRead: true,
    }));
    out.push(...((page.Items ?? []) as Mark[]));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return out;
}

async function applyMark(mark: Mark, now: number): Promise<'marked' | 'stale' | 'busy'> {
  const c = await readCase(mark.caseId);
  if (!c || !c.positions.includes(`${mark.pk} ${mark.sk}`)) {
    // Left behind by nothing we know of (every write moves its marks): tidy it away.
    await ddb.send(new DeleteCommand({ TableName: tableName(), Key: { pk: mark.pk, sk: mark.sk } }));
    return 'stale';
  }
  const card = cardAt(c.view.replyDue, now);
  if (card === c.card) return 'stale';
  const at = new Date(now).toISOString();
  try {
    await commitCase(c, { ...c, rev: c.rev + 1, card, updatedAt: at }, { kind: 'card', at, by: { role: 'system' }, detail: { card, due: c.view.replyDue.due } });
    return 'marked';
  } catch (error) {
    // Someone stepped the case meanwhile: their write moved or kept the marks; the next minute sees.
    if (error instanceof CaseChanged) return 'busy';
    throw error;
  }
}

const hourOf = (ms: number) => new Date(ms).toISOString().slice(0, 13);

export async function sweep(now = Date.now()): Promise<{ read: number; marked: number; busy: number; hours: number }> {
  const { Item } = await ddb.send(new GetCommand({ TableName: tableName(), Key: keys.sweepCheckpoint(), ConsistentRead: true }));
  const from = Item ? Date.parse(`${Item.hour}:00:00Z`) : now - FIRST_LOOK_BACK_MS;
  const nowIso = new Date(now).toISOString();
  let read = 0, marked = 0, busy = 0, hours = 0;
  for (let t = Math.min(from, now); hourOf(t) <= hourOf(now); t += HOUR) {
    hours++;
    const marks = await marksDue(hourOf(t), nowIso);
    read += marks.length;
    for (let i = 0; i < marks.length; i += CONCURRENCY) {
      const results = await Promise.all(marks.slice(i, i + CONCURRENCY).map((m) => applyMark(m, now)));
      marked += results.filter((r) => r === 'marked').length;
      busy += results.filter((r) => r === 'busy').length;
    }
  }
  // The last hour is read again next time (a case written this minute may hold a mark in it);
  // an hour left with busy marks stays too.
  const next = busy > 0 ? Math.min(from, now) : now - HOUR;
  await ddb.send(new PutCommand({ TableName: tableName(), Item: { ...keys.sweepCheckpoint(), et: 'sweep-checkpoint', hour: hourOf(Math.max(next, Math.min(from, now))), at: nowIso } }));
  if (marked || busy) logger.info('sweep', { read, marked, busy, hours });
  return { read, marked, busy, hours };
}

export const handler = middy()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async () => {
    await sweep();
  });
