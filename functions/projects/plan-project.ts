import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { Forbidden } from '../../shared/errors.ts';
import { planProject } from './project-store.ts';

export const handler = httpHandler(routes.projectPlan, async ({ params, body }, { principal }) => {
  if (principal.kind !== 'staff') throw new Forbidden();
  return planProject(params.communityId, params.projectId, body, principal);
});
