import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { listRounds, roundSummary } from './round-store.ts';
import { districtCriteria } from './settings.ts';

export const handler = httpHandler(routes.evaluationRounds, async (_input, { principal }) => {
  const rounds = await listRounds();
  // A department sees the rounds it is rated in; a community the rounds it rates in.
  const mine = principal.kind === 'staff' && principal.role === 'department'
    ? rounds.filter((r) => r.departments.some((d) => d.id === principal.scopeId))
    : principal.kind === 'staff' && principal.role === 'community_staff' ? rounds.filter((r) => r.pairs[principal.scopeId]) : rounds;
  // The district's criteria: what a new round is opened with.
  return { rounds: mine.map((r) => roundSummary(r)), criteria: districtCriteria() };
});
