import { randomBytes } from 'node:crypto';

/** Time-ordered id: sortable by creation, unique without coordination. */
export function newId(now = Date.now()): string {
  return now.toString(36).padStart(9, '0') + randomBytes(8).toString('hex');
}
