import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { reportHeads } from './monthly-store.ts';
import { appealsSettings } from './settings.ts';

export const handler = httpHandler(routes.appealReportList, async () => ({ district: process.env.DISTRICT_NAME ?? '', months: await reportHeads(), weights: appealsSettings().weights }));
