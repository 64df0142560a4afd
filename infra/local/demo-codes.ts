// Demo submissions go through the same stores as a household's, and a household's rating or
// vote spends the code it signed in with. So the demo issues real codes first (audited, as
// staff would) and acts as each household signed in with its own.
import type { Principal, PurposeKind } from '../../shared/access.ts';
import { normalizeCode } from '../../shared/codes.ts';

type Resident = Extract<Principal, { kind: 'resident' }>;

/** Issues codes for every unit of a compound for one purpose; returns the principal of a unit signed in with its code. */
export async function demoHouseholds(compoundId: string, purpose: { kind: PurposeKind; id: string }, expiresAt: string, by: Principal) {
  const { issueCodes } = await import('../../functions/auth/codes-store.ts');
  const { codeHash } = await import('../../functions/auth/secrets.ts');
  const issued = await issueCodes(compoundId, { purpose: { ...purpose, title: '' }, expiresAt, units: 'missing' }, by);
  const refs = new Map<string, string>();
  for (const letter of issued.letters) refs.set(`${letter.building}#${letter.unit}`, await codeHash(normalizeCode(letter.code)!));
  return (u: { building: string; unit: string }): Resident => {
    const codeRef = refs.get(`${u.building}#${u.unit}`);
    if (!codeRef) throw new Error(`demo: no code issued for ${u.building} ${u.unit}`);
    return { kind: 'resident', sub: `unit:${compoundId}:${u.building}:${u.unit}`, compoundId, building: u.building, unit: u.unit, purpose: { kind: purpose.kind, id: purpose.id }, codeRef } as Resident;
  };
}
