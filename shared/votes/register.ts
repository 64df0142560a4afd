// A register version as the vote counts it: each unit with a pseudonymous voting-owner id, so
// that the recount files and the bulletin carry no names or phone numbers. Ids are given in
// the order of the units (building, then unit, as the register sorts them), so the same
// register version always gives the same ids.
import { ownerIdentity, unitKey, type RegisterRow } from '../registry/register.ts';
import type { RegisterUnit } from './tally.ts';

export function votingRegister(rows: readonly RegisterRow[]): (RegisterUnit & { building: string; unit: string })[] {
  const sorted = [...rows].sort((a, b) => a.building.localeCompare(b.building, 'zh-CN', { numeric: true }) || a.unit.localeCompare(b.unit, 'zh-CN', { numeric: true }));
  const ids = new Map<string, string>();
  return sorted.map((row) => {
    const identity = ownerIdentity(row);
    if (!ids.has(identity)) ids.set(identity, `O${String(ids.size + 1).padStart(5, '0')}`);
    return { building: row.building, unit: row.unit, unitId: unitKey(row.building, row.unit), ownerId: ids.get(identity)!, areaHundredths: row.areaHundredths };
  });
}
