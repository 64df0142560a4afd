import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { publicResult } from './result-store.ts';

export const handler = httpHandler(routes.publicBallotResult, async ({ params }) => publicResult(params.compoundId, params.ballotId));
