import * as routes from '../routes.ts';
import { HttpResult, httpHandler } from '../lib/http.ts';
import { putCompound } from './compound-store.ts';

export const handler = httpHandler(routes.compoundPut, async ({ params, body }, { principal, targetCommunity }) => {
  // The middleware has checked that the community exists and is in the caller's scope.
  const { compound, created } = await putCompound(params.compoundId, body, targetCommunity!, principal);
  return new HttpResult(created ? 201 : 200, { compound });
});
