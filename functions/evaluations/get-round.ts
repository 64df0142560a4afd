import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { departmentResults } from '../../shared/evaluations/results.ts';
import { mustGetRound, roundSummary } from './round-store.ts';
import { liveSums } from './live-store.ts';
import { computeFromRecords, publications } from './publication-store.ts';

export const handler = httpHandler(routes.evaluationRoundGet, async ({ params }) => {
  const round = await mustGetRound(params.roundId, true);
  const [live, records, versions] = await Promise.all([liveSums(round.id), computeFromRecords(round), publications(round.id)]);
  const done = new Map<string, typeof records.evaluations>();
  for (const e of records.evaluations) done.set(e.communityId, [...(done.get(e.communityId) ?? []), e]);
  return {
    round: roundSummary(round),
    // Which community has rated which of its departments: the organisation department chases the rest.
    communities: Object.entries(round.pairs).map(([communityId, deps]) => ({
      id: communityId,
      name: round.communities[communityId] ?? communityId,
      departments: deps.map((id) => {
        const e = done.get(communityId)?.find((x) => x.departmentId === id);
        return { id, name: round.departments.find((d) => d.id === id)?.name ?? id, submittedAt: e?.submittedAt ?? null, excluded: e?.excluded ?? false, exclusionReason: e?.exclusionReason ?? null };
      }),
    })).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
    live: departmentResults(round.criteria, round.departments, live),
    fromRecords: { results: records.results, inputs: records.inputs },
    versions: versions.map((p) => ({ version: p.version, publishedAt: p.publishedAt, reason: p.reason, changes: p.changes })),
  };
});
