// The handling unit's notifications: a case given to it, an extension decided, a case sent back
// for rework (重办), supervised (督办), or carded by the sweep. Keyed by case and revision, so
// a redelivered event writes the same item again.
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { unitKey } from '../../shared/appeals/permissions.ts';
import type { AppealChanged } from '../../shared/events.ts';
import { ddb, tableName } from '../lib/clients.ts';
import { keys } from '../lib/keys.ts';
import { queryAll } from '../lib/query.ts';
import type { CaseRecord, TimelineStep } from './case-record.ts';

const NOTIFY = new Set(['dispatch', 'decide_extension', 'follow_up', 'supervise', 'card', 'merge', 'invalidate']);
const KEEP_DAYS = 90;

export const unitNoticesPk = keys.unitNoticesPk;

export async function notifyUnit(c: CaseRecord, message: AppealChanged): Promise<void> {
  if (!NOTIFY.has(message.kind)) return;
  const { Item } = await ddb.send(new GetCommand({ TableName: tableName(), Key: keys.appealStep(c.id, message.rev), ConsistentRead: true }));
  const step = Item as (TimelineStep & { rev: number }) | undefined;
  if (!step) throw new Error(`case ${c.id} has no step ${message.rev}`);
  // The unit the step concerns: the one it was dispatched to, else the one in charge now.
  const unit = message.kind === 'dispatch' ? (step.detail?.unit as CaseRecord['unit']) : c.unit;
  if (message.kind === 'follow_up' && c.view.reworks === 0) return;
  if (!unit) return;
  await ddb.send(new PutCommand({
    TableName: tableName(),
    Item: {
      pk: unitNoticesPk(unitKey(unit)), sk: `${step.at}#${c.id}#${String(message.rev).padStart(6, '0')}`, et: 'unit-notice',
      caseId: c.id, kind: message.kind, at: step.at, categoryName: c.categoryName, placeName: c.place.name, detail: step.detail ?? {},
      ttl: Math.floor(Date.parse(step.at) / 1000) + KEEP_DAYS * 86_400,
    },
  }));
}

export async function unitNotices(unit: string, limit = 50) {
  const items = await queryAll<Record<string, unknown>>(unitNoticesPk(unit), { newestFirst: true, limit });
  return items.map(({ pk: _pk, sk: _sk, et: _et, ttl: _ttl, ...rest }) => rest);
}
