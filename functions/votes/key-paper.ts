import * as routes from '../routes.ts';
import { httpHandler, HttpResult } from '../lib/http.ts';
import { keyPaper } from './vote-store.ts';

/** 202 after the first keying (waiting for a second person), 201 once both agree and the vote is recorded. */
export const handler = httpHandler(routes.paperKey, async ({ params, body }, { principal }) => {
  const outcome = await keyPaper(params.compoundId, params.ballotId, body, principal);
  return new HttpResult(outcome.status === 'recorded' ? 201 : 202, outcome);
});
