import { inScope } from '../../shared/access.ts';
import { formation } from '../../shared/votes/formation.ts';
import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { loadDistrict } from '../registry/district-store.ts';
import { committeeIndex } from './election-store.ts';

/** Committee formation in the caller's scope, and its growth this year (the article reports +56%). */
export const handler = httpHandler(routes.committeesDashboard, async (_input, { principal }) => {
  const [district, committees] = await Promise.all([loadDistrict(), committeeIndex()]);
  const compounds = district.compounds.filter((c) => principal.kind === 'staff' && inScope(principal, { compoundId: c.id, communityId: c.communityId, streetId: c.streetId }));
  return formation({ compounds, committees, yearStart: `${new Date().getUTCFullYear()}-01-01` });
});
