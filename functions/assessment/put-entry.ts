import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { putEntry } from './entries-store.ts';

export const handler = httpHandler(routes.assessmentEntryPut, async ({ params, body }, { principal }) => putEntry(params.quarter, params.communityId, body, principal));
