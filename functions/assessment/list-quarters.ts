import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { frozenQuarters } from './results-store.ts';

export const handler = httpHandler(routes.assessmentQuarters, async () => ({ quarters: await frozenQuarters() }));
