// Which steps of a 12345 work order the platform hears about, and in what words: acceptance
// (the district took the order in), a return, an approved extension, the reply, the closure
// and a rejection as invalid. Built from the step's timeline entry, so a redelivered event
// queues the same message (same deduplication id).
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { AppealChanged } from '../../shared/events.ts';
import type { PlatformFeedback } from '../../shared/appeals/schemas.ts';
import { ddb, tableName } from '../lib/clients.ts';
import { keys } from '../lib/keys.ts';
import { sendToQueue } from '../lib/queues.ts';
import type { CaseRecord, TimelineStep } from './case-record.ts';
import { unitName } from './routing-store.ts';

export function feedbackUrl(): string | null {
  return process.env.PLATFORM_FEEDBACK_URL || null;
}

/**
 * The platform's message for a step, or null when the platform does not hear of it. Built from
 * the step's own timeline entry (what was decided then), not from the case as it is when the
 * queue gets to it: a later step must not rewrite what an earlier one said.
 */
export function feedbackOf(c: CaseRecord, step: TimelineStep & { rev: number }, unit?: string): PlatformFeedback | null {
  if (!c.order) return null;
  const base = { schema: 'gongzhi.12345.feedback/1' as const, orderNo: c.order.no, seq: step.rev, at: step.at };
  const d = step.detail ?? {};
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  switch (step.kind) {
    case 'received': return { ...base, kind: 'accepted', deadline: text(d.due) ?? c.view.replyDue.due };
    case 'return': return { ...base, kind: 'returned', reason: String(d.reason ?? '') };
    case 'decide_extension': return d.approve ? { ...base, kind: 'extended', days: typeof d.days === 'number' ? d.days : undefined, deadline: text(d.due), reason: text(d.reason), unit } : null;
    case 'reply': return { ...base, kind: 'replied', reply: String(d.reply ?? ''), unit };
    case 'close': return { ...base, kind: 'closed', satisfaction: (text(d.satisfaction) as PlatformFeedback['satisfaction']) ?? c.view.followUp?.satisfaction, unit };
    case 'invalidate': return { ...base, kind: 'rejected', reason: String(d.reason ?? '') };
    case 'merge': return { ...base, kind: 'merged', mergedInto: { caseId: String(d.into ?? ''), ...(text(d.intoOrderNo) ? { orderNo: text(d.intoOrderNo) } : {}) } };
    default: return null;
  }
}

export async function queueFeedback(c: CaseRecord, message: AppealChanged): Promise<void> {
  if (c.channel !== '12345' || !c.order || !feedbackUrl()) return;
  if (!['received', 'return', 'decide_extension', 'reply', 'close', 'invalidate', 'merge'].includes(message.kind)) return;
  const { Item } = await ddb.send(new GetCommand({ TableName: tableName(), Key: keys.appealStep(c.id, message.rev), ConsistentRead: true }));
  if (!Item) throw new Error(`case ${c.id} has no step ${message.rev}`);
  const payload = feedbackOf(c, Item as TimelineStep & { rev: number }, (await unitName(c.unit)) ?? undefined);
  if (!payload) return;
  const eventId = `${c.id}-${message.rev}`;
  await sendToQueue('platform-feedback', JSON.stringify({ type: 'appeal.feedback', v: 1, eventId, caseId: c.id, payload }), eventId, c.id);
}
