import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { listTemplates } from './campaign-store.ts';

export const handler = httpHandler(routes.ratingTemplates, async () => ({ templates: await listTemplates() }));
