import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { Forbidden } from '../../shared/errors.ts';
import { listCallouts } from './team-store.ts';

export const handler = httpHandler(routes.calloutsList, async (_input, { principal }) => {
  if (principal.kind !== 'staff') throw new Forbidden();
  return { callouts: await listCallouts(principal) };
});
