import { routes } from '../manifest.ts';
import { httpHandler } from '../lib/http.ts';
import { publicResult } from './result-store.ts';

export const handler = httpHandler(routes.publicBallotResult, async ({ params }) => publicResult(params.compoundId, params.ballotId));
