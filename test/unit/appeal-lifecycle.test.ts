// An appeal's lifecycle (issue 14): the steps in order, 退回 within 2 working days and never
// after designation, 延期 up to 10 working days in all, 重办 counted with a fresh limit, and no
// step after the case is closed, invalid or merged. Random step sequences keep the invariants.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { WorkCalendar } from '../../shared/appeals/calendar.ts';
import { applyStep, countsInRates, newCase, SHANDONG_LIMITS, type CaseView, type Step } from '../../shared/appeals/lifecycle.ts';

const cal = new WorkCalendar();
const L = SHANDONG_LIMITS;
const run = (receivedAt: string, steps: Step[]) => steps.reduce<CaseView | { refused: string }>((c, s) => ('refused' in c ? c : applyStep(c, s, L, cal)), newCase(receivedAt, L, cal));
const ok = (c: CaseView | { refused: string }): CaseView => {
  if ('refused' in c) throw new Error(`refused: ${c.refused}`);
  return c;
};

// Monday 2026-11-30, 10:00 Beijing.
const MON = '2026-11-30T02:00:00Z';
const day = (d: number, h = 10) => new Date(Date.parse('2026-11-30T00:00:00+08:00') + d * 86_400_000 + h * 3_600_000).toISOString();

describe('the lifecycle of an appeal', () => {
  it('goes from receipt to closure, recording the first contact and the reply', () => {
    const c = ok(run(MON, [
      { kind: 'dispatch', at: day(0, 11), unitId: 'community:jinkou' },
      { kind: 'accept', at: day(0, 12) },
      { kind: 'contact', at: day(0, 14) },
      { kind: 'contact', at: day(1) },
      { kind: 'reply', at: day(2) },
      { kind: 'follow_up', at: day(3), solved: true, satisfaction: 'basic' },
      { kind: 'close', at: day(3, 11) },
    ]));
    expect(c).toMatchObject({ state: 'closed', unitId: 'community:jinkou', contactedAt: day(0, 14), repliedAt: day(2), reworks: 0, followUp: { solved: true, satisfaction: 'basic' } });
    expect(c.replyDue.due).toBe('2026-12-07T15:59:59.999Z');
    expect(countsInRates(c)).toBe(true);
  });

  it('lets a unit return a case within 2 working days of dispatch, not after; a designated unit never', () => {
    // Dispatched Friday 12-04; Monday and Tuesday are working days 1 and 2, Wednesday is 3.
    const base: Step[] = [{ kind: 'dispatch', at: day(4), unitId: 'street:a' }, { kind: 'accept', at: day(4, 11) }];
    expect(ok(run(MON, [...base, { kind: 'return', at: day(8, 17), reason: '不属于本单位职责' }])).state).toBe('returned');
    expect(run(MON, [...base, { kind: 'return', at: day(9), reason: '不属于本单位职责' }])).toEqual({ refused: 'return_too_late' });
    expect(run(MON, [...base, { kind: 'return', at: day(5), reason: '  ' }])).toEqual({ refused: 'reason_required' });
    const designated = ok(run(MON, [...base, { kind: 'return', at: day(5), reason: '不属于本单位职责' }, { kind: 'dispatch', at: day(5, 12), unitId: 'department:housing' }]));
    expect(designated.designated).toBe(true);
    expect(applyStep(designated, { kind: 'return', at: day(5, 13), reason: '也不归我们管' }, L, cal)).toEqual({ refused: 'designated' });
  });

  it('extends by at most 10 working days in all, asked with a reason and approved by the centre', () => {
    const open = ok(run(MON, [{ kind: 'dispatch', at: day(0, 11), unitId: 'u' }, { kind: 'accept', at: day(0, 12) }]));
    expect(applyStep(open, { kind: 'ask_extension', at: day(1), days: 11, reason: '需要协调多个部门' }, L, cal)).toEqual({ refused: 'extension_too_long' });
    const asked = ok(applyStep(open, { kind: 'ask_extension', at: day(1), days: 6, reason: '需要协调多个部门' }, L, cal));
    expect(applyStep(asked, { kind: 'ask_extension', at: day(1), days: 1, reason: '再要一天' }, L, cal)).toEqual({ refused: 'extension_pending' });
    const approved = ok(applyStep(asked, { kind: 'decide_extension', at: day(1, 12), approve: true }, L, cal));
    // Due Monday 12-07 + 6 working days = Tuesday 12-15.
    expect(approved.replyDue.due).toBe('2026-12-15T15:59:59.999Z');
    const again = ok(applyStep(approved, { kind: 'ask_extension', at: day(2), days: 4, reason: '仍需协调' }, L, cal));
    expect(applyStep(approved, { kind: 'ask_extension', at: day(2), days: 5, reason: '仍需协调' }, L, cal)).toEqual({ refused: 'extension_too_long' });
    const refused = ok(applyStep(again, { kind: 'decide_extension', at: day(2, 12), approve: false }, L, cal));
    expect(refused.replyDue.due).toBe(approved.replyDue.due);
    expect(applyStep(open, { kind: 'decide_extension', at: day(1), approve: true }, L, cal)).toEqual({ refused: 'no_extension' });
  });

  it('sends an unsolved or dissatisfied case back (重办), counted, with a fresh limit', () => {
    const replied = ok(run(MON, [{ kind: 'dispatch', at: day(0, 11), unitId: 'u' }, { kind: 'accept', at: day(0, 12) }, { kind: 'reply', at: day(1) }]));
    const back = ok(applyStep(replied, { kind: 'follow_up', at: day(2), solved: true, satisfaction: 'dissatisfied' }, L, cal));
    expect(back).toMatchObject({ state: 'accepted', reworks: 1, repliedAt: null });
    expect(back.replyDue.due).toBe('2026-12-09T15:59:59.999Z');
    expect(applyStep(back, { kind: 'close', at: day(2, 12) }, L, cal)).toEqual({ refused: 'wrong_state' });
  });

  it('an invalid or merged case takes no further step and counts nowhere', () => {
    const invalid = ok(run(MON, [{ kind: 'invalidate', at: day(0, 11), reason: '重复来电，内容为测试' }]));
    expect(countsInRates(invalid)).toBe(false);
    expect(applyStep(invalid, { kind: 'dispatch', at: day(0, 12), unitId: 'u' }, L, cal)).toEqual({ refused: 'wrong_state' });
    expect(run(MON, [{ kind: 'invalidate', at: day(0, 11), reason: '' }])).toEqual({ refused: 'reason_required' });
    const merged = ok(run(MON, [{ kind: 'merge', at: day(0, 11), into: 'case-1' }]));
    expect(countsInRates(merged)).toBe(false);
  });

  it('refuses a step dated before the case\'s last one', () => {
    expect(run(MON, [{ kind: 'dispatch', at: day(0, 11), unitId: 'u' }, { kind: 'accept', at: day(0, 12) }, { kind: 'reply', at: day(0, 9) }])).toEqual({ refused: 'out_of_order' });
  });
});

const stepArb: fc.Arbitrary<(at: string) => Step> = fc.oneof(
  fc.constantFrom('a', 'b').map((unitId) => (at: string): Step => ({ kind: 'dispatch', at, unitId })),
  fc.constant((at: string): Step => ({ kind: 'accept', at })),
  fc.constantFrom('不属于本单位职责', '').map((reason) => (at: string): Step => ({ kind: 'return', at, reason })),
  fc.constant((at: string): Step => ({ kind: 'contact', at })),
  fc.integer({ min: 0, max: 12 }).map((days) => (at: string): Step => ({ kind: 'ask_extension', at, days, reason: '需要协调' })),
  fc.boolean().map((approve) => (at: string): Step => ({ kind: 'decide_extension', at, approve })),
  fc.constant((at: string): Step => ({ kind: 'reply', at })),
  fc.tuple(fc.boolean(), fc.constantFrom('satisfied', 'basic', 'dissatisfied' as const)).map(([solved, satisfaction]) => (at: string): Step => ({ kind: 'follow_up', at, solved, satisfaction })),
  fc.constant((at: string): Step => ({ kind: 'close', at })),
  fc.boolean().map((escalate) => (at: string): Step => ({ kind: 'supervise', at, escalate })),
  fc.constant((at: string): Step => ({ kind: 'invalidate', at, reason: '无效' })),
);

describe('any sequence of steps', () => {
  it('keeps the invariants: refusals never throw or change the case, extensions ≤ 10 days, reworks only grow, a designated case is never returned (property)', () => {
    fc.assert(fc.property(fc.array(fc.tuple(stepArb, fc.integer({ min: 0, max: 30 * 60 })), { maxLength: 30 }), (seq) => {
      let c = newCase(MON, L, cal);
      let t = Date.parse(MON);
      for (const [make, minutes] of seq) {
        t += minutes * 60_000;
        const before = structuredClone(c);
        const next = applyStep(c, make(new Date(t).toISOString()), L, cal);
        expect(c).toEqual(before);
        if ('refused' in next) continue;
        expect(next.extendedDays).toBeLessThanOrEqual(L.maxExtensionDays);
        expect(next.reworks).toBeGreaterThanOrEqual(c.reworks);
        if (c.designated && next.unitId === c.unitId) expect(next.state).not.toBe('returned');
        if (c.contactedAt) expect(next.contactedAt).toBe(c.contactedAt);
        if (next.state === 'closed') expect(c.state).toBe('followed_up');
        c = next;
      }
    }), { numRuns: 400 });
  });
});
