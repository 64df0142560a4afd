import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { DISTRICT_PK } from '../lib/keys.ts';
import { queryAll } from '../lib/query.ts';
import { departments, readRouting } from './routing-store.ts';

/** The catalogue, the rules, and every unit a case can be given to, with its name (for the dispatch form). */
export const handler = httpHandler(routes.appealRoutingGet, async () => {
  const [routing, deps, streets, communities] = await Promise.all([
    readRouting(true), departments(),
    queryAll<{ id: string; name: string }>(DISTRICT_PK, { skPrefix: 'STREET#' }),
    queryAll<{ id: string; name: string; streetId: string }>(DISTRICT_PK, { skPrefix: 'COMMUNITY#' }),
  ]);
  return {
    ...routing,
    departments: deps,
    units: [
      ...deps.map((d) => ({ kind: 'department' as const, id: d.id, name: d.name })),
      ...streets.map((s) => ({ kind: 'street' as const, id: s.id, name: s.name })),
      ...communities.map((c) => ({ kind: 'community' as const, id: c.id, name: c.name, streetId: c.streetId })),
    ],
  };
});
