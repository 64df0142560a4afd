import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { departments, readRouting } from './routing-store.ts';

export const handler = httpHandler(routes.appealRoutingGet, async () => {
  const [routing, deps] = await Promise.all([readRouting(true), departments()]);
  return { ...routing, departments: deps };
});
