import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { unitWorkList } from './case-views.ts';

export const handler = httpHandler(routes.unitWorkList, async (_input, { principal }) => ({ cases: await unitWorkList(principal as never) }));
