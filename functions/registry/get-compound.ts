import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { NotFound } from '../../shared/errors.ts';
import { getCompound, listRegisterVersions } from './compound-store.ts';

export const handler = httpHandler(routes.compoundGet, async ({ params }) => {
  // Versions first: the consumer stores a version's totals and the compound's counts in one
  // transaction, so a version read with totals is never followed by a compound read without.
  const versions = await listRegisterVersions(params.compoundId);
  const compound = await getCompound(params.compoundId);
  if (!compound) throw new NotFound('Compound');
  return { compound, register: versions.find((v) => v.version === compound.currentVersion) ?? null };
});
