// Who is calling. The same object reaches handlers on AWS (claims verified by the API
// Gateway JWT authorizer) and locally (claims verified by the local host with its key).

// dispatcher: the district's 12345 hotline centre (派单员), whose scope is the district's appeals only.
export const STAFF_ROLES = ['district_admin', 'street_staff', 'community_staff', 'committee', 'department', 'dispatcher'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const PURPOSE_KINDS = ['rating', 'ballot'] as const;
export type PurposeKind = (typeof PURPOSE_KINDS)[number];
/** What a household code, and the token it is exchanged for, may be used for. */
export interface Purpose { kind: PurposeKind; id: string }

export type Principal =
  | { kind: 'public' }
  | { kind: 'staff'; sub: string; role: StaffRole; scopeId: string; name: string }
  /** A household signed in with a one-time code: one unit, one purpose, for a short while. */
  /** codeRef: the keyed hash of the household code the token came from; the submission spends that code. */
  | { kind: 'resident'; sub: string; compoundId: string; building: string; unit: string; purpose: Purpose; codeRef?: string };

export const PRINCIPAL_KINDS = ['public', ...STAFF_ROLES, 'resident'] as const;

/** How a route checks scope once the role is allowed. */
export type ScopeRule =
  /** Any allowed role; the handler narrows what it returns to the caller's scope. */
  | 'own'
  /** The compound named by the path parameter `compoundId` must lie within the caller's scope. */
  | 'compound'
  /** The campaign named by `campaignId`: one of its compounds in scope to read it, all to change it. */
  | 'campaign'
  /** The appeal named by `caseId`: the unit in charge, the community or street where it happened, the hotline centre. */
  | 'case'
  /** The community named by `communityId`: it exists and lies within the caller's scope. */
  | 'community'
  /** The department named by `departmentId`: the district, or that department's own staff. */
  | 'department';

export type Access =
  | { public: true }
  | { roles: readonly StaffRole[]; scope: ScopeRule }
  /** Residents with a token for one of these purposes; the handler narrows to their unit. */
  | { residents: readonly PurposeKind[] };

export type Authorizer = 'none' | 'staff' | 'resident';

/** Which token a route's authorizer verifies: Cognito's for staff, ours for residents. */
export function authorizerOf(access: Access): Authorizer {
  return 'public' in access ? 'none' : 'residents' in access ? 'resident' : 'staff';
}

export interface Ancestry {
  compoundId?: string;
  communityId: string;
  streetId: string;
}

export function inScope(principal: Extract<Principal, { kind: 'staff' }>, target: Ancestry): boolean {
  switch (principal.role) {
    case 'district_admin':
      return true;
    case 'street_staff':
      return principal.scopeId === target.streetId;
    case 'community_staff':
      return principal.scopeId === target.communityId;
    case 'committee':
      return target.compoundId !== undefined && principal.scopeId === target.compoundId;
    case 'department':
    case 'dispatcher':
      return false;
  }
}

/** A department's own records: its staff, and the district. */
export function inDepartmentScope(principal: Extract<Principal, { kind: 'staff' }>, departmentId: string): boolean {
  return principal.role === 'district_admin' || (principal.role === 'department' && principal.scopeId === departmentId);
}
