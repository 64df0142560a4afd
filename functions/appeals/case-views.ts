// What staff read: one case with its timeline (and the caller's phone for those who call
// back), the hotline centre's queues, a unit's work list by time left.
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Principal } from '../../shared/access.ts';
import { maySeeCaller, mayTake, unitKey, unitOf, CENTRE_STEPS, UNIT_STEPS, OVERSIGHT_STEPS } from '../../shared/appeals/permissions.ts';
import { duplicatesOf } from '../../shared/appeals/routing.ts';
import { cardAt } from '../../shared/appeals/deadlines.ts';
import { beijingDay } from '../../shared/beijing.ts';
import { maskNumbers, maskPhone } from '../../shared/privacy.ts';
import { possibleSteps } from '../../shared/appeals/lifecycle.ts';
import { appealsSettings } from './settings.ts';
import { limitsFor } from '../../shared/appeals/settings.ts';
import { BadRequest, NotFound } from '../../shared/errors.ts';
import { ddb, tableName } from '../lib/clients.ts';
import { keys } from '../lib/keys.ts';
import { queryAll } from '../lib/query.ts';
import { isOpen, readCase, summaryOf, type CaseSummary, type TimelineStep } from './case-record.ts';

type Staff = Extract<Principal, { kind: 'staff' }>;

const DUPLICATE_WINDOW_MS = 3 * 86_400_000;

/** Cases received in the window before `at`, from the month index (this month and, near its start, the last). */
async function receivedBefore(at: string, windowMs: number): Promise<CaseSummary[]> {
  const from = new Date(Date.parse(at) - windowMs).toISOString();
  const months = [...new Set([beijingDay(Date.parse(from)).slice(0, 7), beijingDay(Date.parse(at)).slice(0, 7)])];
  const out: CaseSummary[] = [];
  for (const month of months) {
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await ddb.send(new QueryCommand({
        TableName: tableName(), KeyConditionExpression: 'pk = :pk AND sk BETWEEN :a AND :b',
        ExpressionAttributeValues: { ':pk': keys.caseMonthPk(month), ':a': from, ':b': `${at}~` }, ExclusiveStartKey,
      }));
      out.push(...((page.Items ?? []) as CaseSummary[]));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey && out.length < 2000);
  }
  return out;
}

export async function caseView(caseId: string, principal: Staff) {
  const c = await readCase(caseId);
  if (!c) throw new NotFound('Case');
  const scope = { unit: c.unit, communityId: c.place.communityId, streetId: c.place.streetId };
  const [timeline, caller] = await Promise.all([
    queryAll<TimelineStep & { rev: number }>(keys.appealCasePk(caseId), { skPrefix: 'EV#', consistent: true }),
    ddb.send(new GetCommand({ TableName: tableName(), Key: keys.appealCaller(caseId), ConsistentRead: true })),
  ]);
  const phone = String(caller.Item?.phone ?? '');
  // The centre took the call and the unit in charge calls back: they see the number; others a mask.
  const callerPhone = maySeeCaller(principal, scope) ? phone : maskPhone(phone);
  // The steps this person may take that the case's state allows now.
  const settings = appealsSettings();
  const possible = new Set<string>(possibleSteps(c.view, limitsFor(settings, c), settings.calendar, new Date().toISOString()));
  const steps = [...CENTRE_STEPS, ...UNIT_STEPS, ...OVERSIGHT_STEPS].filter((k) => mayTake(principal, scope, k) && possible.has(k));
  let duplicates: CaseSummary[] = [];
  if (principal.role === 'dispatcher' && (c.view.state === 'received' || c.view.state === 'returned')) {
    const earlier = (await receivedBefore(c.view.receivedAt, DUPLICATE_WINDOW_MS)).filter((e) => e.caseId !== c.id);
    const found = duplicatesOf(
      { category: c.category ?? c.categoryName, compoundId: c.place.compoundId, address: c.address, receivedAt: c.view.receivedAt },
      earlier.map((e) => ({ id: e.caseId, category: e.category ?? e.categoryName, compoundId: e.compoundId, address: e.address, receivedAt: e.receivedAt, state: e.state })),
      DUPLICATE_WINDOW_MS,
    );
    const byId = new Map(earlier.map((e) => [e.caseId, e]));
    duplicates = found.map((f) => byId.get(f.id)!).slice(0, 10);
  }
  return {
    // Numbers typed into the appeal are the caller's too: masked for those who see only a mask of the caller.
    case: { ...summaryOf(c), content: maySeeCaller(principal, scope) ? c.content : maskNumbers(c.content), place: c.place, contactDue: c.contactDue, view: c.view, card: isOpen(c) ? cardAt(c.view.replyDue, Date.now()) : c.card, markedCard: c.card },
    callerPhone,
    timeline: timeline.map(({ kind, at, by, detail, rev }) => ({ rev, kind, at, by, detail })),
    steps,
    duplicates,
    /** Kept photos (their links are made by the route that shows them: functions/appeals/get-case.ts). */
    photos: c.photos ?? [],
  };
}

export type CentreQueue = 'dispatch' | 'extension' | 'follow_up';

/** One of the centre's queues, oldest first (the longest waiting is handled first). */
export async function centreQueue(queue: CentreQueue, limit = 200): Promise<CaseSummary[]> {
  const items = await queryAll<CaseSummary>(keys.centreQueuePk(queue), { limit });
  return items.map(withCard);
}

/** A unit's open cases by deadline, nearest first, with each one's card now. */
export async function unitWorkList(principal: Staff, limit = 500): Promise<CaseSummary[]> {
  const unit = unitOf(principal);
  if (!unit) throw new BadRequest('Your role handles no cases');
  const items = await queryAll<CaseSummary>(keys.unitCasesPk(unitKey(unit)), { limit });
  return items.map(withCard);
}

/** The card as of now: the stored one is the sweep's last mark, which may be up to a minute old. */
function withCard<T extends CaseSummary>(s: T): T {
  const { pk: _pk, sk: _sk, et: _et, ...rest } = s as T & { pk?: string; sk?: string; et?: string };
  return { ...(rest as T), card: ['received', 'dispatched', 'accepted', 'in_progress', 'returned'].includes(s.state) ? cardAt({ due: s.due, warnAt: s.warnAt }, Date.now()) : s.card };
}
