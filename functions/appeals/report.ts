import * as routes from '../routes.ts';
import { httpHandler, HttpResult } from '../lib/http.ts';
import { staffReport } from './staff-report.ts';

export const handler = httpHandler(routes.staffReport, async ({ params, body }, { principal }) => new HttpResult(201, await staffReport(params.compoundId, body, principal as never)));
