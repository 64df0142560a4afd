import * as routes from '../routes.ts';
import { httpHandler, RawResult } from '../lib/http.ts';
import { openData } from './publication-store.ts';

export const handler = httpHandler(routes.publicOpenData, async ({ params, query }) => {
  const data = await openData(params.campaignId, query.format);
  return typeof data === 'string' ? new RawResult('text/csv; charset=utf-8', data, `${params.campaignId}-notices.csv`) : data;
});
