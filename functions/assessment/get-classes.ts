import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { classesFor } from './class-store.ts';
import { assessmentConfig } from './settings.ts';

export const handler = httpHandler(routes.assessmentClasses, async ({ query }) => {
  const year = query.year ?? String(new Date(Date.now() + 8 * 3_600_000).getUTCFullYear());
  const { aspects, classes, indicators, crossReviewWeight } = assessmentConfig();
  return { year, config: { aspects, classes, indicators, crossReviewWeight }, communities: await classesFor(year) };
});
