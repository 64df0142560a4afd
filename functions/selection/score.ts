import * as routes from '../routes.ts';
import { httpHandler, HttpResult } from '../lib/http.ts';
import { Forbidden } from '../../shared/errors.ts';
import { score } from './store.ts';

export const handler = httpHandler(routes.selectionScore, async ({ params, body }, { principal }) => {
  if (principal.kind !== 'staff') throw new Forbidden();
  return new HttpResult(201, await score(params.year, params.nominationId, body, principal));
});
