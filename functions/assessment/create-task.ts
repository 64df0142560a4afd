import * as routes from '../routes.ts';
import { httpHandler, HttpResult } from '../lib/http.ts';
import { Forbidden } from '../../shared/errors.ts';
import { createTask } from './tasks-store.ts';

export const handler = httpHandler(routes.assessmentTaskCreate, async ({ body }, { principal }) => {
  if (principal.kind !== 'staff') throw new Forbidden();
  return new HttpResult(201, await createTask(body, principal));
});
