import * as routes from '../routes.ts';
import { httpHandler, HttpResult } from '../lib/http.ts';
import { publicAnnouncement } from './ballot-store.ts';

export const handler = httpHandler(routes.publicAnnouncement, async ({ params }) => new HttpResult(200, await publicAnnouncement(params.compoundId, params.ballotId), { 'cache-control': 'public, max-age=60' }));
