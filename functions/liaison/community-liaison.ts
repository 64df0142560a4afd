import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { communityLiaison } from './store.ts';

export const handler = httpHandler(routes.liaisonCommunity, async ({ params }) => communityLiaison(params.communityId));
