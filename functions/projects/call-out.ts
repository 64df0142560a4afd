import * as routes from '../routes.ts';
import { httpHandler, HttpResult } from '../lib/http.ts';
import { Forbidden } from '../../shared/errors.ts';
import { callOut } from './team-store.ts';

export const handler = httpHandler(routes.calloutCreate, async ({ body }, { principal }) => {
  if (principal.kind !== 'staff') throw new Forbidden();
  return new HttpResult(201, await callOut(body, principal));
});
