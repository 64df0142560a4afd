import * as routes from '../routes.ts';
import { httpHandler, HttpResult } from '../lib/http.ts';
import { compoundChoices, readRouting } from './routing-store.ts';

/** What the appeal page offers, in one small answer for a slow phone: the categories and every compound as [id, name]. */
export const handler = httpHandler(routes.publicAppealChoices, async () => {
  const [{ categories }, compounds] = await Promise.all([readRouting(), compoundChoices()]);
  return new HttpResult(200, { categories: categories.map((c) => ({ code: c.code, name: c.name })), compounds }, { 'cache-control': 'public, max-age=300' });
});
