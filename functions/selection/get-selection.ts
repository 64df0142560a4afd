import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { Forbidden } from '../../shared/errors.ts';
import { photoLinks } from '../photos/bucket.ts';
import { selectionView } from './store.ts';

export const handler = httpHandler(routes.selectionGet, async ({ params }, { principal }) => {
  if (principal.kind !== 'staff') throw new Forbidden();
  const view = await selectionView(params.year, principal);
  // A case's photos go out as ten-minute links to staff only; the public list has none.
  return { ...view, nominations: await Promise.all(view.nominations.map(async (n) => ('story' in n ? { ...n, photos: await photoLinks(n.photos) } : n))) };
});
