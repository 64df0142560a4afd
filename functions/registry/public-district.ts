import * as routes from '../routes.ts';
import { HttpResult, httpHandler } from '../lib/http.ts';
import { buildTree } from '../../shared/registry/tree.ts';
import { loadDistrict } from './district-store.ts';

// Structure and counts only: no register rows, no names, no phones.
export const handler = httpHandler(routes.publicDistrict, async () => {
  const tree = buildTree(await loadDistrict(), { kind: 'public' });
  return new HttpResult(200, { name: process.env.DISTRICT_NAME ?? '', ...tree }, { 'cache-control': 'public, max-age=300' });
});
