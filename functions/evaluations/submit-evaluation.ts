import * as routes from '../routes.ts';
import { httpHandler, HttpResult } from '../lib/http.ts';
import { Forbidden } from '../../shared/errors.ts';
import { submitEvaluation } from './submission-store.ts';

export const handler = httpHandler(routes.evaluationSubmit, async ({ params, body }, { principal }) => {
  if (principal.kind !== 'staff') throw new Forbidden();
  const { evaluation, created } = await submitEvaluation(params.roundId, body, principal);
  return new HttpResult(created ? 201 : 200, evaluation);
});
