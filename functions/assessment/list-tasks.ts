import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { Forbidden } from '../../shared/errors.ts';
import { listTasks } from './tasks-store.ts';

export const handler = httpHandler(routes.assessmentTasks, async (_input, { principal }) => {
  if (principal.kind !== 'staff') throw new Forbidden();
  return { tasks: await listTasks(principal) };
});
