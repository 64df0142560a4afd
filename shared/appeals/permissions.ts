// Who may see a case and take which step, pure. The hotline centre (dispatcher) routes, decides
// extensions, follows up, closes, merges and marks invalid; the unit in charge accepts, returns,
// contacts, asks for time and replies; anyone who may see a case may supervise it if they are
// the centre or the district (督办). A community and a street see the cases of their place and
// the cases they are in charge of.
import type { Principal } from '../access.ts';
import type { UnitRef } from './routing.ts';
import type { StepKind } from './schemas.ts';

export const CENTRE_STEPS = ['dispatch', 'decide_extension', 'follow_up', 'close', 'invalidate', 'merge'] as const satisfies readonly StepKind[];
export const UNIT_STEPS = ['accept', 'return', 'contact', 'ask_extension', 'reply'] as const satisfies readonly StepKind[];
export const OVERSIGHT_STEPS = ['supervise'] as const satisfies readonly StepKind[];

type Staff = Extract<Principal, { kind: 'staff' }>;

export interface CaseScope {
  /** The unit in charge now, if dispatched. */
  unit: UnitRef | null;
  communityId: string | null;
  streetId: string | null;
}

/** The unit a staff member works for, if their role handles cases. */
export function unitOf(p: Staff): UnitRef | null {
  switch (p.role) {
    case 'community_staff': return { kind: 'community', id: p.scopeId };
    case 'street_staff': return { kind: 'street', id: p.scopeId };
    case 'department': return { kind: 'department', id: p.scopeId };
    default: return null;
  }
}

export const unitKey = (u: UnitRef) => `${u.kind}:${u.id}`;

export function inCharge(p: Staff, c: CaseScope): boolean {
  const mine = unitOf(p);
  return mine !== null && c.unit !== null && unitKey(mine) === unitKey(c.unit);
}

export function maySee(p: Staff, c: CaseScope): boolean {
  if (p.role === 'dispatcher' || p.role === 'district_admin') return true;
  if (inCharge(p, c)) return true;
  if (p.role === 'community_staff') return c.communityId === p.scopeId;
  if (p.role === 'street_staff') return c.streetId === p.scopeId;
  return false;
}

/** The caller's phone is for the unit in charge (to call back) and the centre that took the call. */
export function maySeeCaller(p: Staff, c: CaseScope): boolean {
  return p.role === 'dispatcher' || inCharge(p, c);
}

export function mayTake(p: Staff, c: CaseScope, kind: StepKind): boolean {
  if ((CENTRE_STEPS as readonly string[]).includes(kind)) return p.role === 'dispatcher';
  if ((UNIT_STEPS as readonly string[]).includes(kind)) return inCharge(p, c);
  return p.role === 'dispatcher' || p.role === 'district_admin';
}
