import * as routes from '../routes.ts';
import { httpHandler, RawResult } from '../lib/http.ts';
import { classesFor } from './class-store.ts';
import { quarterCsv, quarterTable } from './results-store.ts';

export const handler = httpHandler(routes.assessmentResults, async ({ params, query }, { principal }) => {
  const table = await quarterTable(params.quarter, query.version);
  // A community is compared within its class only, and reads that class's table.
  let cls = query.class;
  if (principal.kind === 'staff' && principal.role === 'community_staff') {
    cls = table.result.results.find((r) => r.communityId === principal.scopeId)?.class ?? (await classesFor(params.quarter.slice(0, 4))).find((r) => r.communityId === principal.scopeId)?.class ?? '-';
  }
  if (query.format === 'csv') return new RawResult('text/csv; charset=utf-8', quarterCsv(table.result, cls), `分类考核-${params.quarter}${cls ? `-${cls}` : ''}-v${table.result.version}.csv`);
  if (!cls) return table;
  const keep = new Set(table.result.results.filter((r) => r.class === cls).map((r) => r.communityId));
  return {
    ...table,
    result: { ...table.result, results: table.result.results.filter((r) => keep.has(r.communityId)), changes: table.result.changes.filter((c) => keep.has(c.communityId)) },
    sinceLastQuarter: table.sinceLastQuarter && { ...table.sinceLastQuarter, changes: table.sinceLastQuarter.changes.filter((c) => keep.has(c.communityId)) },
  };
});
