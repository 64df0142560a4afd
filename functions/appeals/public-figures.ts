import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { publicFigures } from './monthly-store.ts';

export const handler = httpHandler(routes.publicAppealFigures, async ({ query }) => publicFigures(query.month));
