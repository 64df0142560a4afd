import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { Forbidden } from '../../shared/errors.ts';
import { getProject, mayRead } from './project-store.ts';
import { withLinks } from './links.ts';

export const handler = httpHandler(routes.projectGet, async ({ params }, { principal }) => {
  if (principal.kind !== 'staff') throw new Forbidden();
  const p = await getProject(params.communityId, params.projectId);
  if (!(await mayRead(principal, p))) throw new Forbidden('This project is outside your scope');
  return withLinks(p);
});
