import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { Forbidden } from '../../shared/errors.ts';
import { claimProject } from './project-store.ts';

export const handler = httpHandler(routes.projectClaim, async ({ params }, { principal }) => {
  if (principal.kind !== 'staff') throw new Forbidden();
  return claimProject(params.communityId, params.projectId, principal);
});
