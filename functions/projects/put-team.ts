import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { Forbidden } from '../../shared/errors.ts';
import { putTeam } from './team-store.ts';

export const handler = httpHandler(routes.teamPut, async ({ params, body }, { principal }) => {
  if (principal.kind !== 'staff') throw new Forbidden();
  return putTeam(params.departmentId, params.teamId, body, principal);
});
