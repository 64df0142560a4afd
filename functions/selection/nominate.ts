import * as routes from '../routes.ts';
import { httpHandler, HttpResult } from '../lib/http.ts';
import { Forbidden } from '../../shared/errors.ts';
import { staffPhotos } from '../photos/bucket.ts';
import { nominate } from './store.ts';

export const handler = httpHandler(routes.selectionNominate, async ({ params, body }, { principal }) => {
  if (principal.kind !== 'staff') throw new Forbidden();
  const keep = body.kind === 'wish' ? await staffPhotos(principal.sub, body) : undefined;
  return new HttpResult(201, await nominate(params.year, body, principal, keep));
});
