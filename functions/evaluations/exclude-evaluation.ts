import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { Forbidden } from '../../shared/errors.ts';
import { setExclusion } from './submission-store.ts';

export const handler = httpHandler(routes.evaluationExclude, async ({ params, body }, { principal }) => {
  if (principal.kind !== 'staff') throw new Forbidden();
  return setExclusion(params.roundId, params.communityId, params.departmentId, body, principal);
});
