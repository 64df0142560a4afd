import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { centreQueue } from './case-views.ts';

export const handler = httpHandler(routes.centreQueue, async ({ query }) => ({ queue: query.queue, cases: await centreQueue(query.queue) }));
