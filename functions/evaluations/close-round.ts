import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { closeRound, roundSummary } from './round-store.ts';

export const handler = httpHandler(routes.evaluationRoundClose, async ({ params }, { principal }) => roundSummary(await closeRound(params.roundId, principal)));
