import * as routes from '../routes.ts';
import { httpHandler, HttpResult } from '../lib/http.ts';
import { freezeQuarter } from './results-store.ts';

export const handler = httpHandler(routes.assessmentFreeze, async ({ params, body }, { principal }) => new HttpResult(201, await freezeQuarter(params.quarter, body.reason, principal)));
