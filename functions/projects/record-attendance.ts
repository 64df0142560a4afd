import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { Forbidden } from '../../shared/errors.ts';
import { recordAttendance } from './team-store.ts';

export const handler = httpHandler(routes.calloutAttendance, async ({ params, body }, { principal }) => {
  if (principal.kind !== 'staff') throw new Forbidden();
  return recordAttendance(params.communityId, params.calloutId, body, principal);
});
