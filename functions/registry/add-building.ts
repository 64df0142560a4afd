import * as routes from '../routes.ts';
import { HttpResult, httpHandler } from '../lib/http.ts';
import { addBuilding } from './compound-store.ts';

export const handler = httpHandler(routes.compoundBuildingAdd, async ({ params, body }, { principal }) => {
  const { compound, added } = await addBuilding(params.compoundId, body.name, principal);
  return new HttpResult(added ? 201 : 200, { buildings: compound.buildings, rev: compound.rev, added });
});
