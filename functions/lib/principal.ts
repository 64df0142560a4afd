// Claims -> principal. API Gateway's JWT authorizer has verified the token on AWS; the local
// host verifies it with its own key and fills the same field. Either way this one function
// turns the verified claims into the principal that access rules and handlers see.
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { STAFF_ROLES, type Principal, type StaffRole } from '../../shared/access.ts';

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
  const role = groupsOf(claims['cognito:groups']).find((g): g is StaffRole => (STAFF_ROLES as readonly string[]).includes(g));
  const scopeId = claims['custom:scope_id'];
  if (!role || typeof scopeId !== 'string') return { kind: 'public' };
  const name = typeof claims.name === 'string' ? claims.name : '';
  return { kind: 'staff', sub: claims.sub, role, scopeId, name };
}
