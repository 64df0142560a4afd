import * as routes from '../routes.ts';
import { httpHandler, HttpResult } from '../lib/http.ts';
import { Forbidden } from '../../shared/errors.ts';
import { photoLinks, staffPhotos } from '../photos/bucket.ts';
import { nominate } from './store.ts';

export const handler = httpHandler(routes.selectionNominate, async ({ params, body }, { principal }) => {
  if (principal.kind !== 'staff') throw new Forbidden();
  const keep = body.kind === 'wish' ? await staffPhotos(principal.sub, body) : undefined;
  const n = await nominate(params.year, body, principal, keep);
  return new HttpResult(201, { ...n, photos: await photoLinks(n.photos) });
});
