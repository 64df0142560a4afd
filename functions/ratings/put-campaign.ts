import * as routes from '../routes.ts';
import { httpHandler, HttpResult } from '../lib/http.ts';
import { putCampaign } from './campaign-store.ts';

export const handler = httpHandler(routes.campaignPut, async ({ params, body }, { principal }) => {
  const { campaign, created } = await putCampaign(params.campaignId, body, principal);
  return new HttpResult(created ? 201 : 200, campaign);
});
