import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { getNotice } from './publication-store.ts';

export const handler = httpHandler(routes.publicNotice, async ({ params, query }) => getNotice(params.campaignId, params.compoundId, query.version));
