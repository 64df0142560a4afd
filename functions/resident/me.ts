import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { NotFound } from '../../shared/errors.ts';
import { getCompound } from '../registry/compound-store.ts';

/** What a signed-in household sees first: its unit, compound and what its code is for. */
export const handler = httpHandler(routes.residentMe, async (_input, { principal }) => {
  if (principal.kind !== 'resident') throw new NotFound('Household');
  const compound = await getCompound(principal.compoundId);
  if (!compound) throw new NotFound('Compound');
  return { compound: { id: compound.id, name: compound.name, address: compound.address }, building: principal.building, unit: principal.unit, purpose: principal.purpose };
});
