import * as routes from '../routes.ts';
import { httpHandler, HttpResult } from '../lib/http.ts';
import { NotFound } from '../../shared/errors.ts';
import { voteOnline } from '../votes/vote-store.ts';

/** 201 with the receipt for a new vote; 200 with the same receipt for a retry of it. */
export const handler = httpHandler(routes.residentBallotSubmit, async ({ body }, { principal }) => {
  if (principal.kind !== 'resident') throw new NotFound('Household');
  const { receipt, created } = await voteOnline(principal, body);
  return new HttpResult(created ? 201 : 200, receipt);
});
