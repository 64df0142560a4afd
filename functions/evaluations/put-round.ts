import * as routes from '../routes.ts';
import { httpHandler, HttpResult } from '../lib/http.ts';
import { putRound, roundSummary } from './round-store.ts';

export const handler = httpHandler(routes.evaluationRoundPut, async ({ params, body }, { principal }) => {
  const { round, created } = await putRound(params.roundId, body, principal);
  return new HttpResult(created ? 201 : 200, roundSummary(round));
});
