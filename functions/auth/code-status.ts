import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { codeStatuses } from './codes-store.ts';

export const handler = httpHandler(routes.codeStatus, async ({ params, query }) => codeStatuses(params.compoundId, query.purposeId));
