import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { departments } from '../appeals/routing-store.ts';
import { listRounds } from './round-store.ts';
import { communityForm } from './submission-store.ts';

export const handler = httpHandler(routes.evaluationForm, async (_input, { principal }) => {
  if (principal.kind !== 'staff') return { rounds: [] };
  const [rounds, deps] = await Promise.all([listRounds(), departments()]);
  return { rounds: await communityForm(principal, rounds, new Map(deps.map((d) => [d.id, d.name]))) };
});
