// An appeal's lifecycle, pure: 受理 → 派单 → 签收 → 办理 (first contact) → 办结 (reply) → 回访 →
// 结案, with 退回 (a unit returns a case outside its duty within 2 working days of dispatch;
// after the centre designates a unit it may not return it again), 延期 (up to 10 working
// days, asked with a reason, approved by the centre), 重办 (follow-up finds it unsolved or the
// caller dissatisfied: back to the unit, counted) and 督办 (supervision; escalation to the
// community's paired district leader, 顶格协调). Each step is checked here and stored by the
// caller as an event on the case's timeline; the case is the fold of its events.
import { workingDaysBetween, workingDaysDeadline, type Deadline } from './deadlines.ts';
import type { WorkCalendar } from './calendar.ts';
import type { Satisfaction } from './rates.ts';

export { APPEAL_TYPES, type AppealType } from './types.ts';

export type CaseState = 'received' | 'dispatched' | 'accepted' | 'in_progress' | 'replied' | 'followed_up' | 'closed' | 'returned' | 'invalid' | 'merged';

export interface Limits { replyDays: number; returnDays: number; maxExtensionDays: number; contactHours: number | null }
/** Shandong: reply within 5 working days, return within 2, extend by at most 10. */
export const SHANDONG_LIMITS: Limits = { replyDays: 5, returnDays: 2, maxExtensionDays: 10, contactHours: null };

export interface CaseView {
  state: CaseState;
  receivedAt: string;
  unitId: string | null;
  dispatchedAt: string | null;
  /** Set when the centre assigns a unit after a return: that unit may not return it. */
  designated: boolean;
  contactedAt: string | null;
  repliedAt: string | null;
  replyDue: Deadline;
  extension: { days: number; reason: string; state: 'asked' | 'approved' | 'refused' } | null;
  /** Working days added by approved extensions, in all. */
  extendedDays: number;
  reworks: number;
  supervised: boolean;
  escalated: boolean;
  followUp: { solved: boolean; satisfaction: Satisfaction } | null;
  invalidReason: string | null;
  mergedInto: string | null;
}

export type Step =
  | { kind: 'dispatch'; at: string; unitId: string }
  | { kind: 'accept'; at: string }
  | { kind: 'return'; at: string; reason: string }
  | { kind: 'contact'; at: string }
  | { kind: 'ask_extension'; at: string; days: number; reason: string }
  | { kind: 'decide_extension'; at: string; approve: boolean }
  | { kind: 'reply'; at: string }
  | { kind: 'follow_up'; at: string; solved: boolean; satisfaction: Satisfaction }
  | { kind: 'close'; at: string }
  | { kind: 'supervise'; at: string; escalate: boolean }
  | { kind: 'invalidate'; at: string; reason: string }
  | { kind: 'merge'; at: string; into: string };

/** Why a step is refused, as a code the API turns into a 409 or 400 with words. */
export type Refusal = 'wrong_state' | 'return_too_late' | 'designated' | 'extension_too_long' | 'extension_pending' | 'no_extension' | 'reason_required' | 'out_of_order';

export function newCase(receivedAt: string, limits: Limits, calendar: WorkCalendar): CaseView {
  return {
    state: 'received', receivedAt, unitId: null, dispatchedAt: null, designated: false, contactedAt: null, repliedAt: null,
    replyDue: workingDaysDeadline(receivedAt, limits.replyDays, calendar), extension: null, extendedDays: 0, reworks: 0, supervised: false, escalated: false,
    followUp: null, invalidReason: null, mergedInto: null,
  };
}

const OPEN_WORK: CaseState[] = ['accepted', 'in_progress'];

/** The case after a step, or why the step is refused. Never changes the case it is given. */
export function applyStep(c: CaseView, step: Step, limits: Limits, calendar: WorkCalendar): CaseView | { refused: Refusal } {
  const refuse = (refused: Refusal) => ({ refused });
  if (c.state === 'invalid' || c.state === 'merged' || c.state === 'closed') return refuse('wrong_state');
  // As instants, not text: a time may carry any zone.
  const last = Math.max(...[c.receivedAt, c.dispatchedAt, c.contactedAt, c.repliedAt].filter((t): t is string => Boolean(t)).map(Date.parse));
  if (Date.parse(step.at) < last) return refuse('out_of_order');
  switch (step.kind) {
    case 'dispatch':
      if (c.state !== 'received' && c.state !== 'returned') return refuse('wrong_state');
      // After a return the centre's choice is a designation: no second return.
      return { ...c, state: 'dispatched', unitId: step.unitId, dispatchedAt: step.at, designated: c.state === 'returned' };
    case 'accept':
      if (c.state !== 'dispatched') return refuse('wrong_state');
      return { ...c, state: 'accepted' };
    case 'return':
      if (c.state !== 'dispatched' && c.state !== 'accepted') return refuse('wrong_state');
      if (c.designated) return refuse('designated');
      // A unit that replied took the matter as its own: a rework comes back to it, not for a return.
      if (c.reworks > 0) return refuse('wrong_state');
      if (!step.reason.trim()) return refuse('reason_required');
      if (workingDaysBetween(c.dispatchedAt!, step.at, calendar) > limits.returnDays) return refuse('return_too_late');
      return { ...c, state: 'returned', unitId: null };
    case 'contact':
      if (!OPEN_WORK.includes(c.state)) return refuse('wrong_state');
      return { ...c, state: 'in_progress', contactedAt: c.contactedAt ?? step.at };
    case 'ask_extension':
      if (!OPEN_WORK.includes(c.state)) return refuse('wrong_state');
      if (c.extension?.state === 'asked') return refuse('extension_pending');
      if (!step.reason.trim()) return refuse('reason_required');
      if (!Number.isInteger(step.days) || step.days < 1 || step.days + c.extendedDays > limits.maxExtensionDays) return refuse('extension_too_long');
      return { ...c, extension: { days: step.days, reason: step.reason, state: 'asked' } };
    case 'decide_extension': {
      if (c.extension?.state !== 'asked') return refuse('no_extension');
      if (!step.approve) return { ...c, extension: { ...c.extension, state: 'refused' } };
      // The extension runs on from the deadline it extends.
      const extended = workingDaysDeadline(c.replyDue.due, c.extension.days, calendar);
      return { ...c, extension: { ...c.extension, state: 'approved' }, extendedDays: c.extendedDays + c.extension.days, replyDue: extended };
    }
    case 'reply':
      if (!OPEN_WORK.includes(c.state)) return refuse('wrong_state');
      return { ...c, state: 'replied', repliedAt: step.at, contactedAt: c.contactedAt ?? step.at };
    case 'follow_up': {
      if (c.state !== 'replied') return refuse('wrong_state');
      const followUp = { solved: step.solved, satisfaction: step.satisfaction };
      if (step.solved && step.satisfaction !== 'dissatisfied') return { ...c, state: 'followed_up', followUp };
      // 重办: back to the unit with a fresh limit; the follow-up that sent it back is kept.
      return { ...c, state: 'accepted', followUp, repliedAt: null, reworks: c.reworks + 1, replyDue: workingDaysDeadline(step.at, limits.replyDays, calendar) };
    }
    case 'close':
      if (c.state !== 'followed_up') return refuse('wrong_state');
      return { ...c, state: 'closed' };
    case 'supervise':
      if (c.state === 'received' || c.state === 'returned') return refuse('wrong_state');
      return { ...c, supervised: true, escalated: c.escalated || step.escalate };
    case 'invalidate':
      if (!step.reason.trim()) return refuse('reason_required');
      if (c.state !== 'received' && c.state !== 'returned' && c.state !== 'dispatched') return refuse('wrong_state');
      return { ...c, state: 'invalid', invalidReason: step.reason };
    case 'merge':
      if (c.state !== 'received' && c.state !== 'returned') return refuse('wrong_state');
      return { ...c, state: 'merged', mergedInto: step.into };
  }
}

/** A case is valid for the rates unless it was marked invalid or merged into another. */
export function countsInRates(c: Pick<CaseView, 'state'>): boolean {
  return c.state !== 'invalid' && c.state !== 'merged';
}

const PROBES: Step[] = [
  { kind: 'dispatch', at: '', unitId: 'probe' }, { kind: 'accept', at: '' }, { kind: 'return', at: '', reason: 'probe' }, { kind: 'contact', at: '' },
  { kind: 'ask_extension', at: '', days: 1, reason: 'probe' }, { kind: 'decide_extension', at: '', approve: true }, { kind: 'reply', at: '' },
  { kind: 'follow_up', at: '', solved: true, satisfaction: 'satisfied' }, { kind: 'close', at: '' }, { kind: 'supervise', at: '', escalate: false },
  { kind: 'invalidate', at: '', reason: 'probe' }, { kind: 'merge', at: '', into: 'probe' },
];

/** The steps the lifecycle would take now (whoever takes them): what a page offers. */
export function possibleSteps(c: CaseView, limits: Limits, calendar: WorkCalendar, now: string): Step['kind'][] {
  return PROBES.filter((p) => !('refused' in applyStep(c, { ...p, at: now } as Step, limits, calendar))).map((p) => p.kind);
}
