import * as routes from '../routes.ts';
import { httpHandler, HttpResult } from '../lib/http.ts';
import { publicResults } from './result-store.ts';

export const handler = httpHandler(routes.publicBallots, async () => new HttpResult(200, { results: await publicResults() }, { 'cache-control': 'public, max-age=60' }));
