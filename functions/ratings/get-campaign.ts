import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { dashboard } from './dashboard.ts';

export const handler = httpHandler(routes.campaignGet, async ({ params }, { principal }) => dashboard(params.campaignId, principal));
