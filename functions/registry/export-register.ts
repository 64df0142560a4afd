import * as routes from '../routes.ts';
import { RawResult, httpHandler } from '../lib/http.ts';
import { NotFound } from '../../shared/errors.ts';
import { toCsv } from '../../shared/registry/csv.ts';
import { registerToCells } from '../../shared/registry/register.ts';
import { getCompound, listRegisterVersions } from './compound-store.ts';
import { loadRows } from './register-store.ts';

export const handler = httpHandler(routes.registerExport, async ({ params, query }) => {
  const compound = await getCompound(params.compoundId);
  if (!compound) throw new NotFound('Compound');
  const wanted = query.version ?? compound.currentVersion;
  const version = (await listRegisterVersions(params.compoundId)).find((v) => v.version === wanted);
  if (!version) throw new NotFound('Register version');
  const rows = await loadRows(params.compoundId, version.contentHash);
  return new RawResult('text/csv; charset=utf-8', toCsv(registerToCells(rows)), `${compound.name}-业主名册-v${version.version}.csv`);
});
