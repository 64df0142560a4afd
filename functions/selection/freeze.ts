import * as routes from '../routes.ts';
import { httpHandler, HttpResult } from '../lib/http.ts';
import { Forbidden } from '../../shared/errors.ts';
import { freezeSelection } from './store.ts';

export const handler = httpHandler(routes.selectionFreeze, async ({ params }, { principal }) => {
  if (principal.kind !== 'staff') throw new Forbidden();
  return new HttpResult(201, await freezeSelection(params.year, principal));
});
