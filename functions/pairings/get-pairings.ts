import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { departments } from '../appeals/routing-store.ts';
import { communities, leaders, pairings } from './store.ts';

export const handler = httpHandler(routes.pairingsGet, async () => {
  const [deps, ls, comms, ps] = await Promise.all([departments(), leaders(), communities(), pairings(true)]);
  return { departments: deps.map((d) => ({ id: d.id, name: d.name, duty: d.duty ?? null })), leaders: ls, communities: comms, pairings: ps };
});
