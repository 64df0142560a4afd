import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { NotFound } from '../../shared/errors.ts';
import { ratingForm } from '../ratings/submission-store.ts';

export const handler = httpHandler(routes.residentRatingForm, async (_input, { principal }) => {
  if (principal.kind !== 'resident') throw new NotFound('Household');
  return ratingForm(principal);
});
