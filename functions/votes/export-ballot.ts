import * as routes from '../routes.ts';
import { httpHandler, RawResult } from '../lib/http.ts';
import { exportFile } from './result-store.ts';

/** The recount files: `npm run -s tally -- --register R.csv --matters M.csv --votes V.csv`. */
export const handler = httpHandler(routes.ballotExport, async ({ params, query }) =>
  new RawResult('text/csv; charset=utf-8', await exportFile(params.compoundId, params.ballotId, query.file), `${params.ballotId}-${query.file}.csv`));
