import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { putClass } from './class-store.ts';

export const handler = httpHandler(routes.assessmentClassPut, async ({ params, body }, { principal }) => putClass(params.year, params.communityId, body, principal));
