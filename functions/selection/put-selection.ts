import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { Forbidden } from '../../shared/errors.ts';
import { putSelection } from './store.ts';

export const handler = httpHandler(routes.selectionPut, async ({ params, body }, { principal }) => {
  if (principal.kind !== 'staff') throw new Forbidden();
  return putSelection(params.year, body, principal);
});
