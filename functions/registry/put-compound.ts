import { routes } from '../manifest.ts';
import { HttpResult, httpHandler } from '../lib/http.ts';
import { putCompound } from './compound-store.ts';

export const handler = httpHandler(routes.compoundPut, async ({ params, body }, { principal }) => {
  const { compound, created } = await putCompound(params.compoundId, body, principal);
  return new HttpResult(created ? 201 : 200, { compound });
});
