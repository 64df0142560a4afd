import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { Forbidden } from '../../shared/errors.ts';
import { listTeams } from './team-store.ts';

export const handler = httpHandler(routes.teamsList, async (_input, { principal }) => {
  if (principal.kind !== 'staff') throw new Forbidden();
  return { teams: await listTeams(principal) };
});
