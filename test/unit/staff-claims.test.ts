import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { STAFF_ROLES } from '../../shared/access.ts';
import { COGNITO_CLAIMS, claimValues, mappingProblems, staffFromClaims, type StaffClaimMapping } from '../../shared/staff-claims.ts';
import { LOCAL_STAFF_CLAIMS } from '../../infra/local/auth.ts';

// A government platform's claims: roles in a claim of its own, with values of its own.
const GOV: StaffClaimMapping = {
  roleClaim: 'gov_roles',
  scopeClaim: 'org_code',
  nameClaim: 'cn_name',
  roles: { 'QU-GLY': 'district_admin', 'JD-GZRY': 'street_staff', 'SQ-GZRY': 'community_staff', 'YWH': 'committee', 'BM-JBR': 'department' },
};

describe('staff claims through the district’s mapping', () => {
  it('reads Cognito’s claims as before: groups as an array or as API Gateway’s "[a b]"', () => {
    expect(staffFromClaims({ 'cognito:groups': ['community_staff'], 'custom:scope_id': 'c011', name: '李四' }, COGNITO_CLAIMS)).toEqual({ ok: true, role: 'community_staff', scopeId: 'c011', name: '李四' });
    expect(staffFromClaims({ 'cognito:groups': '[district_admin]', 'custom:scope_id': 'district' }, COGNITO_CLAIMS)).toEqual({ ok: true, role: 'district_admin', scopeId: 'district', name: '' });
  });

  it('maps an external issuer’s role values to ours, ignoring roles of other systems', () => {
    expect(staffFromClaims({ gov_roles: ['OA-USER', 'SQ-GZRY'], org_code: 'c011', cn_name: '王五' }, GOV)).toEqual({ ok: true, role: 'community_staff', scopeId: 'c011', name: '王五' });
    // A name the person edited at the platform is shown only if it passes the text rules.
    for (const bad of ['王\u202E五', 'a\u0007b', '长'.repeat(61)]) expect(staffFromClaims({ gov_roles: ['SQ-GZRY'], org_code: 'c011', cn_name: bad }, GOV)).toMatchObject({ ok: true, name: '' });
    expect(staffFromClaims({ gov_roles: ['SQ-GZRY'], org_code: 'c011', cn_name: '  赵六 ' }, GOV)).toMatchObject({ ok: true, name: '赵六' });
    expect(staffFromClaims({ gov_roles: '[OA-USER YWH]', org_code: 'p0101' }, GOV)).toMatchObject({ ok: true, role: 'committee', scopeId: 'p0101' });
  });

  it('refuses: no role, an unknown role, two roles, a missing or malformed scope', () => {
    expect(staffFromClaims({ org_code: 'c011' }, GOV)).toEqual({ ok: false, reason: 'no_role' });
    expect(staffFromClaims({ gov_roles: [], org_code: 'c011' }, GOV)).toEqual({ ok: false, reason: 'no_role' });
    expect(staffFromClaims({ gov_roles: ['OA-USER'], org_code: 'c011' }, GOV)).toEqual({ ok: false, reason: 'unknown_role' });
    // Our own role names are not the provider's: a token saying "district_admin" maps to nothing.
    expect(staffFromClaims({ gov_roles: ['district_admin'], org_code: 'district' }, GOV)).toEqual({ ok: false, reason: 'unknown_role' });
    expect(staffFromClaims({ gov_roles: ['SQ-GZRY', 'QU-GLY'], org_code: 'c011' }, GOV)).toEqual({ ok: false, reason: 'several_roles' });
    expect(staffFromClaims({ gov_roles: ['SQ-GZRY'] }, GOV)).toEqual({ ok: false, reason: 'no_scope' });
    for (const bad of ['', 'C011', 'c011#x', 'a', 42, ['c011'], 'x'.repeat(49)]) expect(staffFromClaims({ gov_roles: ['SQ-GZRY'], org_code: bad }, GOV), String(bad)).toEqual({ ok: false, reason: 'no_scope' });
    // Inherited property names are not role values.
    expect(staffFromClaims({ gov_roles: ['constructor', 'toString'], org_code: 'c011' }, GOV)).toEqual({ ok: false, reason: 'unknown_role' });
  });

  it('over generated claims: a principal comes out only for exactly one mapped role and a well-formed scope', () => {
    const values = Object.keys(GOV.roles);
    fc.assert(fc.property(
      fc.array(fc.oneof(fc.constantFrom(...values), fc.string({ maxLength: 12 })), { maxLength: 5 }),
      fc.oneof(fc.stringMatching(/^[a-z0-9][a-z0-9-]{1,20}$/), fc.string({ maxLength: 10 })),
      fc.constantFrom<'array' | 'gateway'>('array', 'gateway'),
      (roles, scope, shape) => {
        const claim = shape === 'array' ? roles : `[${roles.join(' ')}]`;
        const result = staffFromClaims({ gov_roles: claim, org_code: scope }, GOV);
        const mapped = new Set(claimValues(claim).filter((v) => Object.hasOwn(GOV.roles, v)).map((v) => GOV.roles[v]));
        if (result.ok) {
          expect(mapped.size).toBe(1);
          expect(result.role).toBe([...mapped][0]);
          expect(result.scopeId).toBe(scope);
          expect(STAFF_ROLES).toContain(result.role);
        } else {
          expect(mapped.size !== 1 || !/^[a-z0-9][a-z0-9-]{1,47}$/.test(scope)).toBe(true);
        }
      },
    ), { numRuns: 500 });
  });

  it('checks a district’s mapping at synth, naming the field', () => {
    expect(mappingProblems(GOV)).toEqual([]);
    expect(mappingProblems(LOCAL_STAFF_CLAIMS)).toEqual([]);
    expect(mappingProblems({ ...GOV, roles: {} })).toEqual([expect.stringContaining('staffIdentity.roles')]);
    expect(mappingProblems({ ...GOV, roles: { X: 'mayor' as never } })).toEqual([expect.stringContaining('staffIdentity.roles["X"]: "mayor"')]);
    expect(mappingProblems({ ...GOV, roles: { 'A B': 'committee' } })[0]).toContain('spaces');
    expect(mappingProblems({ ...GOV, scopeClaim: 'gov_roles' })[0]).toContain('staffIdentity.scopeClaim');
    expect(mappingProblems({ ...GOV, roleClaim: '' })[0]).toContain('staffIdentity.roleClaim');
  });
});
