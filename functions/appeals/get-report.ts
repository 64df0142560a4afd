import * as routes from '../routes.ts';
import { httpHandler, RawResult } from '../lib/http.ts';
import { periodReport, reportCsv } from './monthly-store.ts';

export const handler = httpHandler(routes.appealReportGet, async ({ params, query }) => {
  const report = await periodReport(params.period, query.version);
  return query.format === 'csv' ? new RawResult('text/csv; charset=utf-8', reportCsv(report), `appeals-${params.period}.csv`) : report;
});
