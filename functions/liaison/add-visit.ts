import * as routes from '../routes.ts';
import { httpHandler, HttpResult } from '../lib/http.ts';
import { Forbidden } from '../../shared/errors.ts';
import { addVisit } from './store.ts';

export const handler = httpHandler(routes.liaisonVisit, async ({ params, body }, { principal }) => {
  if (principal.kind !== 'staff') throw new Forbidden();
  return new HttpResult(201, await addVisit(params.communityId, body, principal));
});
