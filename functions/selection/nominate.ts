import * as routes from '../routes.ts';
import { httpHandler, HttpResult } from '../lib/http.ts';
import { Forbidden } from '../../shared/errors.ts';
import { nominate } from './store.ts';

export const handler = httpHandler(routes.selectionNominate, async ({ params, body }, { principal }) => {
  if (principal.kind !== 'staff') throw new Forbidden();
  return new HttpResult(201, await nominate(params.year, body, principal));
});
