import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { NotFound } from '../../shared/errors.ts';
import { ballotForm } from '../votes/vote-store.ts';

export const handler = httpHandler(routes.residentBallotForm, async (_input, { principal }) => {
  if (principal.kind !== 'resident') throw new NotFound('Household');
  return ballotForm(principal);
});
