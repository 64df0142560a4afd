import * as routes from '../routes.ts';
import { httpHandler, HttpResult } from '../lib/http.ts';
import { freezeMonth } from './monthly-store.ts';

export const handler = httpHandler(routes.appealReportFreeze, async ({ params, body }, { principal }) => new HttpResult(201, await freezeMonth(params.period, body.reason, principal as never)));
