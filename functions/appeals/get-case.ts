import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { caseView } from './case-views.ts';
import { photoLinks } from '../photos/bucket.ts';

export const handler = httpHandler(routes.caseGet, async ({ params }, { principal }) => {
  const view = await caseView(params.caseId, principal as never);
  return { ...view, photos: await photoLinks(view.photos) };
});
