import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { ballotBoard } from './result-store.ts';

export const handler = httpHandler(routes.ballotBoard, async ({ params }) => ballotBoard(params.compoundId, params.ballotId));
