import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { Forbidden } from '../../shared/errors.ts';
import { selectionView } from './store.ts';

export const handler = httpHandler(routes.selectionGet, async ({ params }, { principal }) => {
  if (principal.kind !== 'staff') throw new Forbidden();
  return selectionView(params.year, principal);
});
