import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { Forbidden } from '../../shared/errors.ts';
import { answerCallout } from './team-store.ts';

export const handler = httpHandler(routes.calloutAnswers, async ({ params, body }, { principal }) => {
  if (principal.kind !== 'staff') throw new Forbidden();
  return answerCallout(params.communityId, params.calloutId, body, principal);
});
