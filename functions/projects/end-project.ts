import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { Forbidden } from '../../shared/errors.ts';
import { endProject } from './project-store.ts';

export const handler = httpHandler(routes.projectEnd, async ({ params, body }, { principal }) => {
  if (principal.kind !== 'staff') throw new Forbidden();
  return endProject(params.communityId, params.projectId, body, principal);
});
