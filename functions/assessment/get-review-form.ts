import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { Forbidden } from '../../shared/errors.ts';
import { reviewForm } from './review-store.ts';

export const handler = httpHandler(routes.assessmentReviewForm, async ({ params }, { principal }) => {
  if (principal.kind !== 'staff') throw new Forbidden();
  return reviewForm(params.quarter, principal);
});
