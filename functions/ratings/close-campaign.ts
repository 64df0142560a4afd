import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { closeCampaign } from './campaign-store.ts';

export const handler = httpHandler(routes.campaignClose, async ({ params }, { principal }) => closeCampaign(params.campaignId, principal));
