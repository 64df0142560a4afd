import * as routes from '../routes.ts';
import { httpHandler, HttpResult } from '../lib/http.ts';
import { Forbidden } from '../../shared/errors.ts';
import { submitReview } from './review-store.ts';

export const handler = httpHandler(routes.assessmentReviewSubmit, async ({ params, body }, { principal }) => {
  if (principal.kind !== 'staff') throw new Forbidden();
  return new HttpResult(201, await submitReview(params.quarter, body, principal));
});
