import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { codeStatusesFor } from './codes-store.ts';

export const handler = httpHandler(routes.codeStatus, async ({ params, query }, { principal }) => codeStatusesFor(principal, params.compoundId, query.purposeId));
