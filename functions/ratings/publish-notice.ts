import * as routes from '../routes.ts';
import { httpHandler, HttpResult } from '../lib/http.ts';
import { publishCompound, publicNotice } from './publication-store.ts';

export const handler = httpHandler(routes.noticePublish, async ({ params, body }, { principal }) => new HttpResult(201, publicNotice(await publishCompound(params.campaignId, params.compoundId, body.reason, principal))));
