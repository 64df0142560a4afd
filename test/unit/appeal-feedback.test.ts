// What the 12345 platform hears of a case's steps, and how long a failed send waits.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as z from 'zod/mini';
import { feedbackOf } from '../../functions/appeals/feedback.ts';
import { backoffSeconds } from '../../functions/appeals/send-feedback.ts';
import { PlatformFeedback } from '../../shared/appeals/schemas.ts';
import { newCase, SHANDONG_LIMITS } from '../../shared/appeals/lifecycle.ts';
import { WorkCalendar } from '../../shared/appeals/calendar.ts';
import type { CaseRecord } from '../../functions/appeals/case-record.ts';

const at = '2026-11-02T09:00:00+08:00';
const view = newCase(at, SHANDONG_LIMITS, new WorkCalendar());
const base: CaseRecord = {
  id: 'c', rev: 1, channel: '12345', type: 'complaint', category: 'property', categoryName: '物业管理', content: '内容', address: '', place: { compoundId: null, communityId: null, streetId: null, name: null },
  urgency: 'normal', enterprise: false, order: { no: 'QD-000001', revision: 1 }, suggestion: null, unit: { kind: 'community', id: 'c001' }, view, card: 'none', contactDue: view.replyDue.due,
  unknownYears: [], positions: [], createdAt: at, updatedAt: at,
};

describe('platform feedback', () => {
  it('tells the platform of acceptance, return, approved extension, reply, closure and rejection, each valid under the published schema', () => {
    const steps = [
      { kind: 'received', detail: {} }, { kind: 'return', detail: { reason: '不属本单位职责' } }, { kind: 'decide_extension', detail: { approve: true } },
      { kind: 'reply', detail: { reply: '已修复' } }, { kind: 'close', detail: {} }, { kind: 'invalidate', detail: { reason: '骚扰电话' } }, { kind: 'merge', detail: { into: 'c2' } },
    ];
    const kinds = steps.map((s, i) => {
      const f = feedbackOf({ ...base, view: { ...view, extension: { days: 3, reason: '协调', state: 'approved' } } }, { ...s, at, by: { role: 'x' }, rev: i + 1 }, '某社区');
      expect(z.safeParse(PlatformFeedback, f).success, s.kind).toBe(true);
      return f!.kind;
    });
    expect(kinds).toEqual(['accepted', 'returned', 'extended', 'replied', 'closed', 'rejected', 'merged']);
  });

  it('says what the step decided, not what the case says later (a second extension asked after the first was approved)', () => {
    const later = { ...base, view: { ...view, extension: { days: 8, reason: '第二次', state: 'asked' as const } } };
    const f = feedbackOf(later, { kind: 'decide_extension', at, by: { role: 'dispatcher' }, rev: 5, detail: { approve: true, days: 2, reason: '第一次', due: '2026-11-13T15:59:59.999Z' } });
    expect(f).toMatchObject({ kind: 'extended', days: 2, reason: '第一次', deadline: '2026-11-13T15:59:59.999Z' });
    const merged = feedbackOf(base, { kind: 'merge', at, by: { role: 'dispatcher' }, rev: 3, detail: { into: 'x'.repeat(25), intoOrderNo: 'QD-000002' } });
    expect(merged).toMatchObject({ kind: 'merged', mergedInto: { caseId: 'x'.repeat(25), orderNo: 'QD-000002' } });
  });

  it('says nothing of a refused extension, internal steps, or a case that is no work order', () => {
    for (const kind of ['dispatch', 'accept', 'contact', 'ask_extension', 'supervise', 'card']) expect(feedbackOf(base, { kind, at, by: { role: 'x' }, rev: 2, detail: {} })).toBeNull();
    expect(feedbackOf(base, { kind: 'decide_extension', at, by: { role: 'x' }, rev: 2, detail: { approve: false } })).toBeNull();
    expect(feedbackOf({ ...base, order: undefined, channel: 'resident' }, { kind: 'reply', at, by: { role: 'x' }, rev: 2, detail: { reply: 'x' } })).toBeNull();
  });

  it('waits longer after each failed try, from 5 seconds to at most 15 minutes', () => {
    expect(backoffSeconds(1)).toBe(5);
    fc.assert(fc.property(fc.integer({ min: 1, max: 100 }), (n) => {
      expect(backoffSeconds(n + 1)).toBeGreaterThanOrEqual(backoffSeconds(n));
      expect(backoffSeconds(n)).toBeLessThanOrEqual(900);
    }));
  });
});
