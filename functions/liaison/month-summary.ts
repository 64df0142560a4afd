import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { beijingDay } from '../../shared/beijing.ts';
import { monthSummary } from './store.ts';

export const handler = httpHandler(routes.liaisonSummary, async ({ query }) => monthSummary(query.month ?? beijingDay(Date.now()).slice(0, 7)));
