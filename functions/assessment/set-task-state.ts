import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { Forbidden } from '../../shared/errors.ts';
import { setTaskState } from './tasks-store.ts';

export const handler = httpHandler(routes.assessmentTaskState, async ({ params, body }, { principal }) => {
  if (principal.kind !== 'staff') throw new Forbidden();
  return setTaskState(params.taskId, body, principal);
});
