// A community's or street's own report: to the street (dispatched there at once) or to the
// district (to the hotline centre's queue, marked for the paired district leader).
import { applyStep } from '../../shared/appeals/lifecycle.ts';
import { unitKey } from '../../shared/appeals/permissions.ts';
import type { StaffReportBody } from '../../shared/appeals/schemas.ts';
import type { Principal } from '../../shared/access.ts';
import { BadRequest, NotFound } from '../../shared/errors.ts';
import { tableName } from '../lib/clients.ts';
import { keys } from '../lib/keys.ts';
import { auditPut } from '../lib/audit.ts';
import { commitCase, summaryOf, type TimelineStep } from './case-record.ts';
import { caseOf } from './intake.ts';
import { categoryOf, placeOfCompound, readRouting } from './routing-store.ts';
import { appealsSettings } from './settings.ts';

type Staff = Extract<Principal, { kind: 'staff' }>;

export async function staffReport(compoundId: string, body: StaffReportBody, principal: Staff, now = new Date()) {
  // The middleware checked the compound exists and lies in the caller's scope.
  const place = await placeOfCompound(compoundId);
  if (!place) throw new NotFound('Compound');
  if (body.to === 'street' && principal.role === 'street_staff') throw new BadRequest('A street reports to the district', [{ path: 'body.to', reason: 'must be district for a street' }]);
  const category = categoryOf(await readRouting(), body.category);
  if (!category) throw new BadRequest('Not a category of the catalogue', [{ path: 'body.category', reason: 'not a category of the catalogue' }]);
  const at = now.toISOString();
  const record = await caseOf({ channel: 'staff', type: 'report', categoryWord: category.code, content: body.content, address: place.name ?? '', place, phone: '', urgency: body.urgency, enterprise: false, receivedAt: at }, now);
  const by = { role: principal.role, unit: principal.role === 'community_staff' ? { kind: 'community' as const, id: principal.scopeId } : { kind: 'street' as const, id: principal.scopeId }, sub: principal.sub, name: principal.name };
  const received: TimelineStep = { kind: 'received', at, by, detail: { to: body.to } };
  const street = { kind: 'street' as const, id: place.streetId! };
  let next = { ...record, view: { ...record.view, escalated: body.to === 'district' } };
  let last: TimelineStep = received;
  const extra = [];
  if (body.to === 'street') {
    const { limits, calendar } = appealsSettings();
    const dispatched = applyStep(next.view, { kind: 'dispatch', at, unitId: unitKey(street) }, limits, calendar);
    if ('refused' in dispatched) throw new Error(`a new case refused its dispatch: ${dispatched.refused}`);
    next = { ...next, rev: 2, view: dispatched, unit: street };
    extra.push({ Put: { TableName: tableName(), Item: { ...keys.appealStep(record.id, 1), et: 'appeal-step', caseId: record.id, rev: 1, ...received } } });
    last = { kind: 'dispatch', at, by: { role: 'system' }, detail: { unit: street } };
  }
  extra.push({ Put: { TableName: tableName(), Item: { ...keys.appealCaller(record.id), et: 'appeal-caller', phone: '' } } });
  extra.push(auditPut(principal, { action: 'appeal.report', target: `case:${record.id}`, after: { to: body.to, compoundId, category: category.code } }, now));
  await commitCase(null, next, last, extra);
  return summaryOf(next);
}
