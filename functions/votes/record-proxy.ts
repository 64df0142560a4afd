import * as routes from '../routes.ts';
import { httpHandler, HttpResult } from '../lib/http.ts';
import { maskName } from '../../shared/privacy.ts';
import { recordProxy } from './vote-store.ts';

export const handler = httpHandler(routes.proxyRecord, async ({ params, body }, { principal }) => {
  const p = await recordProxy(params.compoundId, params.ballotId, body, principal);
  return new HttpResult(201, { building: p.building, unit: p.unit, proxy: maskName(p.proxyName), documentRef: p.documentRef, recordedAt: p.recordedAt });
});
