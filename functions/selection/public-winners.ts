import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { publicWinners } from './store.ts';

export const handler = httpHandler(routes.publicSelection, async ({ params }) => publicWinners(params.year));
