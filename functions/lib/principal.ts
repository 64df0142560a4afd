// Claims -> principal. API Gateway's JWT authorizer has verified the token on AWS; the local
// host verifies it the same way and fills the same field. Either way this one function turns
// the verified claims into the principal that access rules and handlers see. Staff claims are
// read through the district's mapping (STAFF_CLAIMS, set by the stack from the district config:
// Cognito's claims, or an external OIDC issuer's), so no handler knows which provider it was.
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { PURPOSE_KINDS, type Principal, type PurposeKind } from '../../shared/access.ts';
import { COGNITO_CLAIMS, staffFromClaims, type StaffClaimMapping, type StaffRefusal } from '../../shared/staff-claims.ts';

type Claims = Record<string, unknown>;

let mapping: { from: string | undefined; value: StaffClaimMapping } | undefined;
/** The district's claim mapping; read once per container (the variable does not change). */
export function staffClaimMapping(): StaffClaimMapping {
  const from = process.env.STAFF_CLAIMS;
  if (mapping && mapping.from === from) return mapping.value;
  const value = from ? (JSON.parse(from) as StaffClaimMapping) : COGNITO_CLAIMS;
  mapping = { from, value };
  return value;
}

export function claimsOf(event: Pick<APIGatewayProxyEventV2WithJWTAuthorizer, 'requestContext'>): Claims | undefined {
  return (event.requestContext as { authorizer?: { jwt?: { claims?: Claims } } }).authorizer?.jwt?.claims;
}

export function principalFromEvent(event: Pick<APIGatewayProxyEventV2WithJWTAuthorizer, 'requestContext'>): Principal {
  const claims = claimsOf(event);
  if (!claims || typeof claims.sub !== 'string') return { kind: 'public' };
  // Resident tokens come from our own issuer (its own authorizer); they never carry a role.
  if (claims.token_use === 'resident') {
    const { compound_id, building, unit, purpose_kind, purpose_id, code_ref } = claims;
    if (![compound_id, building, unit, purpose_id, code_ref].every((v) => typeof v === 'string') || !(PURPOSE_KINDS as readonly unknown[]).includes(purpose_kind)) return { kind: 'public' };
    return { kind: 'resident', sub: claims.sub, compoundId: compound_id as string, building: building as string, unit: unit as string, purpose: { kind: purpose_kind as PurposeKind, id: purpose_id as string }, codeRef: code_ref as string };
  }
  const staff = staffFromClaims(claims, staffClaimMapping());
  if (!staff.ok) return { kind: 'public' };
  return { kind: 'staff', sub: claims.sub, role: staff.role, scopeId: staff.scopeId, name: staff.name };
}

/** Why a verified staff token names nobody here (no role, unknown role, no scope…), or null. */
export function staffRefusalOf(event: Pick<APIGatewayProxyEventV2WithJWTAuthorizer, 'requestContext'>): StaffRefusal | null {
  const claims = claimsOf(event);
  if (!claims || typeof claims.sub !== 'string' || claims.token_use === 'resident') return null;
  const staff = staffFromClaims(claims, staffClaimMapping());
  return staff.ok ? null : staff.reason;
}
