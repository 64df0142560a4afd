import * as routes from '../routes.ts';
import { httpHandler, HttpResult } from '../lib/http.ts';
import { recordDelivery } from './ballot-store.ts';

export const handler = httpHandler(routes.deliveryRecord, async ({ params, body }, { principal }) => {
  const d = await recordDelivery(params.compoundId, params.ballotId, body, principal);
  return new HttpResult(201, { building: d.building, unit: d.unit, method: d.method, deliveredOn: d.deliveredOn, proofRef: d.proofRef });
});
