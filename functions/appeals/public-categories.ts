import * as routes from '../routes.ts';
import { httpHandler, HttpResult } from '../lib/http.ts';
import { readRouting } from './routing-store.ts';

export const handler = httpHandler(routes.publicAppealCategories, async () => {
  const { categories } = await readRouting();
  return new HttpResult(200, { categories: categories.map((c) => ({ code: c.code, name: c.name })) }, { 'cache-control': 'public, max-age=300' });
});
