import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { departments } from '../appeals/routing-store.ts';
import { classesFor } from '../assessment/class-store.ts';
import { assessmentConfig } from '../assessment/settings.ts';
import { beijingYear } from '../../shared/beijing.ts';
import { leaders, pairings } from './store.ts';

// Communities carry this year's class (the organisation department may have moved one since the
// registry's profiling), as the assessment compares them.
export const handler = httpHandler(routes.pairingsGet, async () => {
  const [deps, ls, classes, ps] = await Promise.all([departments(), leaders(), classesFor(beijingYear(new Date().toISOString())), pairings(true)]);
  const communities = classes.map((c) => ({ id: c.communityId, name: c.name, streetId: c.streetId, class: c.class }));
  // The district's own class names, so a district with classes of its own reads them too.
  return { departments: deps.map((d) => ({ id: d.id, name: d.name, duty: d.duty ?? null })), leaders: ls, communities, classes: assessmentConfig().classes, pairings: ps };
});
