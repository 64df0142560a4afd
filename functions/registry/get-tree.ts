import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { buildTree } from '../../shared/registry/tree.ts';
import { loadDistrict } from './district-store.ts';

export const handler = httpHandler(routes.registryTree, async (_input, { principal }) => {
  const district = await loadDistrict();
  return {
    name: process.env.DISTRICT_NAME ?? '',
    ...buildTree(district, principal),
    companies: district.companies.map((c) => ({ id: c.id, name: c.name })),
  };
});
