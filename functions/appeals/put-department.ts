import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { putDepartment } from './routing-store.ts';

export const handler = httpHandler(routes.departmentPut, async ({ params, body }, { principal }) => putDepartment(params.departmentId, body, principal));
