// Who may see a case and take which step, over every role, scope and unit.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CENTRE_STEPS, OVERSIGHT_STEPS, UNIT_STEPS, inCharge, maySee, maySeeCaller, mayTake, unitOf } from '../../shared/appeals/permissions.ts';
import { STAFF_ROLES } from '../../shared/access.ts';

const id = fc.constantFrom('c001', 'c002', 's01', 's02', 'dep-a', 'dep-b', 'district', 'p0001');
const staff = fc.record({ kind: fc.constant('staff' as const), sub: fc.constant('u'), role: fc.constantFrom(...STAFF_ROLES), scopeId: id, name: fc.constant('') });
const unit = fc.option(fc.record({ kind: fc.constantFrom('community' as const, 'street' as const, 'department' as const), id }), { nil: null });
const scope = fc.record({ unit, communityId: fc.option(id, { nil: null }), streetId: fc.option(id, { nil: null }) });
const ALL = [...CENTRE_STEPS, ...UNIT_STEPS, ...OVERSIGHT_STEPS];

describe('appeal permissions', () => {
  it('gives each step to exactly one side: the centre\'s to the dispatcher, the unit\'s to the unit in charge', () => {
    fc.assert(fc.property(staff, scope, (p, c) => {
      for (const k of CENTRE_STEPS) expect(mayTake(p, c, k)).toBe(p.role === 'dispatcher');
      for (const k of UNIT_STEPS) expect(mayTake(p, c, k)).toBe(inCharge(p, c));
      // Nobody is both the centre and a unit.
      if (p.role === 'dispatcher') expect(unitOf(p)).toBeNull();
    }));
  });

  it('lets nobody take a step on a case they may not see, nor see the caller without seeing the case', () => {
    fc.assert(fc.property(staff, scope, (p, c) => {
      if (!maySee(p, c)) for (const k of ALL) expect(mayTake(p, c, k)).toBe(false);
      if (maySeeCaller(p, c)) expect(maySee(p, c)).toBe(true);
    }));
  });

  it('shows the caller only to the centre and the unit in charge: not to the district, a street over it or a committee', () => {
    fc.assert(fc.property(staff, scope, (p, c) => {
      expect(maySeeCaller(p, c)).toBe(p.role === 'dispatcher' || inCharge(p, c));
      if (p.role === 'committee') expect(maySee(p, c)).toBe(false);
    }));
  });

  it('lets a community and a street see the cases of their place, in charge or not', () => {
    const p = { kind: 'staff' as const, sub: 'u', role: 'community_staff' as const, scopeId: 'c001', name: '' };
    expect(maySee(p, { unit: { kind: 'department', id: 'dep-a' }, communityId: 'c001', streetId: 's01' })).toBe(true);
    expect(mayTake(p, { unit: { kind: 'department', id: 'dep-a' }, communityId: 'c001', streetId: 's01' }, 'reply')).toBe(false);
    expect(maySee(p, { unit: { kind: 'community', id: 'c001' }, communityId: 'c002', streetId: 's02' })).toBe(true);
    expect(maySee(p, { unit: { kind: 'street', id: 'c001' }, communityId: 'c002', streetId: 's02' })).toBe(false);
  });
});
