import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { Forbidden } from '../../shared/errors.ts';
import { decideEscalation } from './store.ts';

export const handler = httpHandler(routes.liaisonOutcome, async ({ params, body }, { principal }) => {
  if (principal.kind !== 'staff') throw new Forbidden();
  return decideEscalation(params.communityId, params.escalationId, body, principal);
});
