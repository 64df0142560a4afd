import { routes } from '../manifest.ts';
import { httpHandler } from '../lib/http.ts';
import { NotFound } from '../../shared/errors.ts';
import { getCompound, listRegisterVersions } from './compound-store.ts';

export const handler = httpHandler(routes.compoundGet, async ({ params }) => {
  const compound = await getCompound(params.compoundId);
  if (!compound) throw new NotFound('Compound');
  const versions = await listRegisterVersions(params.compoundId);
  return { compound, register: versions.find((v) => v.version === compound.currentVersion) ?? null };
});
