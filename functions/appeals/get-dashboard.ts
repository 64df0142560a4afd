import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { liveDashboard } from './live-dashboard.ts';

export const handler = httpHandler(routes.appealDashboard, async ({ query }) => liveDashboard(query.month));
