import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { NotFound } from '../../shared/errors.ts';
import { departments } from '../appeals/routing-store.ts';
import { departmentHistory } from './publication-store.ts';

export const handler = httpHandler(routes.departmentEvaluations, async ({ params }) => {
  const department = (await departments()).find((d) => d.id === params.departmentId);
  if (!department) throw new NotFound('Department');
  return { department: { id: department.id, name: department.name }, rounds: await departmentHistory(params.departmentId) };
});
