// Claims -> principal. API Gateway's JWT authorizer has verified the token on AWS; the local
// host verifies it with its own key and fills the same field. Either way this one function
// turns the verified claims into the principal that access rules and handlers see.
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { PURPOSE_KINDS, STAFF_ROLES, type Principal, type PurposeKind, type StaffRole } from '../../shared/access.ts';

type Claims = Record<string, string | number | boolean | string[]>;

/** API Gateway renders array claims as "[a b]"; Cognito and jose give arrays. */
function groupsOf(value: Claims[string] | undefined): string[] {
  if (Array.isArray(value)) return value;
  if (typeof value !== 'string') return [];
  return value.replace(/^\[|\]$/g, '').split(/[\s,]+/).filter(Boolean);
}

export function principalFromEvent(event: Pick<APIGatewayProxyEventV2WithJWTAuthorizer, 'requestContext'>): Principal {
  const claims = (event.requestContext as { authorizer?: { jwt?: { claims?: Claims } } }).authorizer?.jwt?.claims;
  if (!claims || typeof claims.sub !== 'string') return { kind: 'public' };
  // Resident tokens come from our own issuer (its own authorizer); they never carry a role.
  if (claims.token_use === 'resident') {
    const { compound_id, building, unit, purpose_kind, purpose_id, code_ref } = claims;
    if (![compound_id, building, unit, purpose_id, code_ref].every((v) => typeof v === 'string') || !(PURPOSE_KINDS as readonly unknown[]).includes(purpose_kind)) return { kind: 'public' };
    return { kind: 'resident', sub: claims.sub, compoundId: compound_id as string, building: building as string, unit: unit as string, purpose: { kind: purpose_kind as PurposeKind, id: purpose_id as string }, codeRef: code_ref as string };
  }
  const role = groupsOf(claims['cognito:groups']).find((g): g is StaffRole => (STAFF_ROLES as readonly string[]).includes(g));
  const scopeId = claims['custom:scope_id'];
  if (!role || typeof scopeId !== 'string') return { kind: 'public' };
  const name = typeof claims.name === 'string' ? claims.name : '';
  return { kind: 'staff', sub: claims.sub, role, scopeId, name };
}
