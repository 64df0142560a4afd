import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { withdrawBallot } from './ballot-store.ts';

export const handler = httpHandler(routes.ballotWithdraw, async ({ params, body }, { principal }) => {
  const b = await withdrawBallot(params.compoundId, params.ballotId, body.reason, principal);
  return { id: b.id, withdrawnAt: b.withdrawnAt, withdrawnReason: b.withdrawnReason };
});
