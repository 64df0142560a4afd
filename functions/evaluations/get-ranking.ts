import * as routes from '../routes.ts';
import { httpHandler, RawResult } from '../lib/http.ts';
import { getPublication, rankingCsv } from './publication-store.ts';

export const handler = httpHandler(routes.evaluationRanking, async ({ params, query }) => {
  const found = await getPublication(params.roundId, query.version);
  if (query.format === 'csv') return new RawResult('text/csv; charset=utf-8', rankingCsv(found.publication), `${found.publication.title}-v${found.publication.version}.csv`);
  return found;
});
