// The organisation department's entries for the indicators that no record gives, each with its
// evidence; an entry sent as null is cleared. Once the quarter is frozen an entry changes only with a correction's reason, and the
// frozen table stays as it was until the correction is published as the next version.
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { Principal } from '../../shared/access.ts';
import { BadRequest, Conflict } from '../../shared/errors.ts';
import type { EntryBody } from '../../shared/assessment/schemas.ts';
import { quarterBounds } from '../../shared/assessment/quarter.ts';
import { ddb, tableName } from '../lib/clients.ts';
import { keys } from '../lib/keys.ts';
import { queryAll } from '../lib/query.ts';
import { auditPut } from '../lib/audit.ts';
import { assessmentConfig } from './settings.ts';

export interface EntryItem { quarter: string; communityId: string; values: Record<string, { value: number; evidence: string }>; rev: number; updatedAt: string }

export async function quarterEntries(quarter: string): Promise<EntryItem[]> {
  return queryAll<EntryItem>(keys.assessEntriesPk(quarter), { skPrefix: 'COMMUNITY#', consistent: true });
}

export async function latestFrozenVersion(quarter: string): Promise<number | null> {
  const { Item } = await ddb.send(new GetCommand({ TableName: tableName(), Key: keys.assessHead(quarter), ConsistentRead: true }));
  return (Item?.version as number | undefined) ?? null;
}

export async function putEntry(quarter: string, communityId: string, body: EntryBody, principal: Principal): Promise<EntryItem> {
  const indicators = assessmentConfig().indicators;
  const manual = new Map(indicators.filter((i) => i.source === 'manual').map((i) => [i.code, i]));
  const fields = Object.entries(body.values).flatMap(([code, v]) => {
    const ind = manual.get(code);
    if (!indicators.some((i) => i.code === code)) return [{ path: `body.values.${code}`, reason: 'not an indicator of this district' }];
    if (!ind) return [{ path: `body.values.${code}`, reason: 'not an indicator entered by hand (its value comes from the records)' }];
    if (v && ind.unit === 'permille' && v.value > 1000) return [{ path: `body.values.${code}.value`, reason: 'a rate in permille: at most 1000' }];
    return [];
  });
  if (fields.length) throw new BadRequest('Some entries are not allowed', fields);
  if (Date.parse(quarterBounds(quarter).start) > Date.now()) throw new Conflict('This quarter has not begun', 'future_quarter');
  const [frozen, { Item }] = await Promise.all([latestFrozenVersion(quarter), ddb.send(new GetCommand({ TableName: tableName(), Key: keys.assessEntry(quarter, communityId), ConsistentRead: true }))]);
  if (frozen && !body.correctionReason) throw new BadRequest('The quarter is frozen: an entry changes only with the reason for the correction', [{ path: 'body.correctionReason', reason: 'required once the quarter is frozen' }]);
  const rev = (Item?.rev as number | undefined) ?? 0;
  if (body.rev !== rev) throw new Conflict('Someone changed these entries meanwhile; reload', 'changed_meanwhile');
  const values: EntryItem['values'] = { ...(Item?.values ?? {}) };
  for (const [code, v] of Object.entries(body.values)) {
    if (v) values[code] = v;
    else delete values[code];
  }
  const sorted = (v: Record<string, unknown>) => JSON.stringify(Object.keys(v).sort().map((k) => [k, v[k]]));
  if (sorted(values) === sorted(Item?.values ?? {})) throw new Conflict('Nothing to change: the entries are as sent', 'unchanged');
  const cleared = Object.entries(body.values).flatMap(([code, v]) => (v === null && Item?.values?.[code] ? [code] : []));
  const set = Object.fromEntries(Object.entries(body.values).filter(([, v]) => v !== null));
  const item: EntryItem = { quarter, communityId, values, rev: rev + 1, updatedAt: new Date().toISOString() };
  try {
    await ddb.send(new TransactWriteCommand({ TransactItems: [
      { Put: { TableName: tableName(), Item: { ...keys.assessEntry(quarter, communityId), et: 'assess-entry', ...item }, ConditionExpression: rev ? 'rev = :rev' : 'attribute_not_exists(pk)', ...(rev ? { ExpressionAttributeValues: { ':rev': rev } } : {}) } },
      auditPut(principal, { action: frozen ? 'assessment-entry.correct' : 'assessment-entry.put', target: `community:${communityId}`, before: Item ? { quarter, values: Item.values } : undefined, after: { quarter, values: set, ...(cleared.length ? { cleared } : {}), correctionReason: body.correctionReason } }),
    ] }));
  } catch (error) {
    if (error instanceof TransactionCanceledException) throw new Conflict('Someone changed these entries meanwhile; reload', 'changed_meanwhile');
    throw error;
  }
  return item;
}
