import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { caseView } from './case-views.ts';

export const handler = httpHandler(routes.caseGet, async ({ params }, { principal }) => caseView(params.caseId, principal as never));
