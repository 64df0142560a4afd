import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { Forbidden } from '../../shared/errors.ts';
import { listProjects } from './project-store.ts';

export const handler = httpHandler(routes.projectsList, async ({ query }, { principal }) => {
  if (principal.kind !== 'staff') throw new Forbidden();
  return { projects: await listProjects(principal, query.state) };
});
