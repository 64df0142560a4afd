// Which staff member a verified sign-in token names. The district's identity provider decides
// the claims: Cognito carries the role in `cognito:groups` and the scope in `custom:scope_id`;
// a government identity platform, an IDaaS or Keycloak carries them in claims of its own, with
// role values of its own. One mapping, set per district, turns either into our principal, so
// handlers never know which provider signed the staff member in.
import { STAFF_ROLES, type StaffRole } from './access.ts';
import { cleanText, refusedCharacter } from './text-rules.ts';

export interface StaffClaimMapping {
  /** The claim holding the role(s): an array, one string, or API Gateway's "[a b]" rendering of an array. */
  roleClaim: string;
  /** The claim holding the scope: a street, community, compound or department id, or the district's id for district_admin. */
  scopeClaim: string;
  /** The claim holding the person's display name (audit entries); optional. */
  nameClaim?: string;
  /** The provider's role values and the role each one means here; values not listed give no role. */
  roles: Record<string, StaffRole>;
}

export const COGNITO_CLAIMS: StaffClaimMapping = {
  roleClaim: 'cognito:groups',
  scopeClaim: 'custom:scope_id',
  nameClaim: 'name',
  roles: Object.fromEntries(STAFF_ROLES.map((r) => [r, r])) as Record<string, StaffRole>,
};

export type StaffRefusal = 'no_role' | 'unknown_role' | 'several_roles' | 'no_scope';

export type StaffClaims =
  | { ok: true; role: StaffRole; scopeId: string; name: string }
  | { ok: false; reason: StaffRefusal };

/** What each refusal tells the person (zh first): they can act on it only through their administrator. */
export const STAFF_REFUSAL_MESSAGES: Record<StaffRefusal, { zh: string; en: string }> = {
  no_role: { zh: '您的账号没有本系统的角色，请联系管理员', en: 'Your account has no role in this system: ask your administrator' },
  unknown_role: { zh: '您的账号的角色不是本系统认可的角色，请联系管理员', en: 'Your account’s role is not one this system knows: ask your administrator' },
  several_roles: { zh: '您的账号有多个本系统角色，无法确定范围，请联系管理员', en: 'Your account has several roles here, so its scope is ambiguous: ask your administrator' },
  no_scope: { zh: '您的账号没有管辖范围（街道、社区、小区或部门），请联系管理员', en: 'Your account has no scope (street, community, compound or department): ask your administrator' },
};

// Scope ids are registry ids (lowercase letters, digits, -); anything else cannot name a scope.
const SCOPE_ID = /^[a-z0-9][a-z0-9-]{1,47}$/;

/** Values of a multi-valued claim however the token or API Gateway rendered it. */
export function claimValues(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  if (typeof value !== 'string') return [];
  const s = value.trim();
  // API Gateway renders an array claim as "[a b]"; some providers send "a,b" or "a b".
  return (s.startsWith('[') && s.endsWith(']') ? s.slice(1, -1) : s).split(/[\s,]+/).filter(Boolean);
}

export function staffFromClaims(claims: Record<string, unknown>, mapping: StaffClaimMapping): StaffClaims {
  const values = claimValues(claims[mapping.roleClaim]);
  if (values.length === 0) return { ok: false, reason: 'no_role' };
  const roles = new Set(values.filter((v) => Object.hasOwn(mapping.roles, v)).map((v) => mapping.roles[v]!));
  if (roles.size === 0) return { ok: false, reason: 'unknown_role' };
  // Two roles with one scope claim cannot both be meant: refusing says so instead of guessing.
  if (roles.size > 1) return { ok: false, reason: 'several_roles' };
  const scopeId = claims[mapping.scopeClaim];
  if (typeof scopeId !== 'string' || !SCOPE_ID.test(scopeId)) return { ok: false, reason: 'no_scope' };
  const name = mapping.nameClaim ? displayName(claims[mapping.nameClaim]) : '';
  return { ok: true, role: [...roles][0]!, scopeId, name };
}

/**
 * The name shown in the header and the audit trail, under the project's text rules: many
 * identity platforms let people edit their own name, so a name with a bidi override, a control
 * character or a page's length is left out (the audit keeps the sub).
 */
function displayName(value: unknown): string {
  if (typeof value !== 'string') return '';
  const clean = cleanText(value, 'name');
  return clean.length <= 60 && refusedCharacter(clean, 'name') === null ? clean : '';
}

/** Problems of a district's mapping, each naming its field; empty when it is usable. Synth refuses otherwise. */
export function mappingProblems(m: StaffClaimMapping, field = 'staffIdentity'): string[] {
  const problems: string[] = [];
  const claimName = /^[\x21-\x7e]{1,100}$/;
  if (!claimName.test(m.roleClaim ?? '')) problems.push(`${field}.roleClaim: a claim name (printable ASCII, no spaces)`);
  if (!claimName.test(m.scopeClaim ?? '')) problems.push(`${field}.scopeClaim: a claim name (printable ASCII, no spaces)`);
  if (m.nameClaim !== undefined && !claimName.test(m.nameClaim)) problems.push(`${field}.nameClaim: a claim name (printable ASCII, no spaces)`);
  if (m.roleClaim && m.roleClaim === m.scopeClaim) problems.push(`${field}.scopeClaim: must differ from roleClaim`);
  const entries = Object.entries(m.roles ?? {});
  if (entries.length === 0) problems.push(`${field}.roles: map at least one of the provider's role values to ${STAFF_ROLES.join(', ')}`);
  for (const [value, role] of entries) {
    if (!(STAFF_ROLES as readonly string[]).includes(role)) problems.push(`${field}.roles["${value}"]: "${role}" is not one of ${STAFF_ROLES.join(', ')}`);
    if (!/^[^\s,[\]]{1,100}$/.test(value)) problems.push(`${field}.roles["${value}"]: a role value cannot contain spaces, commas or brackets (claims are read as lists)`);
  }
  return problems;
}
