import * as routes from '../routes.ts';
import { httpHandler, HttpResult } from '../lib/http.ts';
import { Forbidden } from '../../shared/errors.ts';
import { proposeProject } from './project-store.ts';

export const handler = httpHandler(routes.projectPropose, async ({ params, body }, { principal }) => {
  if (principal.kind !== 'staff') throw new Forbidden();
  return new HttpResult(201, await proposeProject(params.communityId, body, principal));
});
