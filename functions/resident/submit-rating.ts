import * as routes from '../routes.ts';
import { httpHandler, HttpResult } from '../lib/http.ts';
import { NotFound } from '../../shared/errors.ts';
import { submitRating } from '../ratings/submission-store.ts';

/** 201 with the receipt for a new submission; 200 with the same receipt for a retry of it. */
export const handler = httpHandler(routes.residentRatingSubmit, async ({ body }, { principal }) => {
  if (principal.kind !== 'resident') throw new NotFound('Household');
  const { receipt, created } = await submitRating(principal, body);
  return new HttpResult(created ? 201 : 200, receipt);
});
