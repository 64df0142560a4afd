import * as routes from '../routes.ts';
import { httpHandler, HttpResult } from '../lib/http.ts';
import { Forbidden } from '../../shared/errors.ts';
import { escalate } from './store.ts';

export const handler = httpHandler(routes.liaisonEscalate, async ({ params, body }, { principal }) => {
  if (principal.kind !== 'staff') throw new Forbidden();
  return new HttpResult(201, await escalate(params.communityId, body, principal));
});
