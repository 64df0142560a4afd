// The indicators read from the other capabilities' stored records at the quarter's end (never
// typed again): a community's 三率 on the cases it was the unit in charge of (as the monthly
// report counts them), participation and satisfaction in the published rating notices of its
// compounds for the campaigns that closed in the quarter, and the share of its compounds with an
// owners' committee formed by the quarter's end, the joint projects done in the quarter and the
// share of its call-outs that a member answered. Each reads the quarter's partitions or indexes.
import { addCounts, countsOfCase, NO_COUNTS, permille, ratesOfCounts, type Counts } from '../../shared/appeals/rates.ts';
import type { Source } from '../../shared/assessment/config.ts';
import { quarterBounds, quarterMonths } from '../../shared/assessment/quarter.ts';
import { monthCases } from '../appeals/monthly-store.ts';
import { batchGet } from '../lib/batch-get.ts';
import { appealsSettings } from '../appeals/settings.ts';
import { listCampaigns } from '../ratings/campaign-store.ts';
import { latestNotices } from '../ratings/publication-store.ts';
import { committeeIndex } from '../votes/election-store.ts';
import { loadDistrict } from '../registry/district-store.ts';
import { queryAll } from '../lib/query.ts';
import { keys } from '../lib/keys.ts';

export interface SourceInputs { cases: number; campaigns: string[]; notices: number; compounds: number; committees: number; projectsDone: number; callouts: number }

/** Every automatic source's value per community (permille; null where the quarter has nothing to count). */
export async function automaticValues(quarter: string, now: number): Promise<{ values: Map<string, Partial<Record<Source, number | null>>>; inputs: SourceInputs }> {
  const { start, end } = quarterBounds(quarter);
  const [district, months, campaigns, committees, projects, callouts] = await Promise.all([
    loadDistrict(),
    Promise.all(quarterMonths(quarter).map((m) => monthCases(m))),
    listCampaigns(),
    committeeIndex(),
    queryAll<{ communityId: string; state: string; doneAt: string | null }>(keys.projectIndexPk()),
    // The quarter's call-outs only: the index is sorted by when the team was called.
    queryAll<{ id: string; communityId: string }>(keys.calloutIndexPk(), { skBetween: [start, end] }),
  ]);
  // Joint projects done in the quarter, and the call-outs made in it that at least one member answered or came to.
  const done = projects.filter((p) => p.state === 'done' && p.doneAt !== null && p.doneAt >= start && p.doneAt < end);
  const calloutItems = await batchGet(callouts.map((c) => keys.callout(c.communityId, c.id)));
  const answered = new Map<string, { made: number; answered: number }>();
  for (const item of calloutItems.values()) {
    const c = item as { communityId: string; answers: Record<string, { answer: string }>; attended: Record<string, number> | null };
    const a = answered.get(c.communityId) ?? { made: 0, answered: 0 };
    // Answered is what the called department recorded: the community that is assessed does not certify it by recording who came.
    const yes = Object.values(c.answers ?? {}).some((x) => x.answer === 'coming');
    answered.set(c.communityId, { made: a.made + 1, answered: a.answered + (yes ? 1 : 0) });
  }
  // 三率: the cases each community was in charge of, counted as the monthly report counts them.
  const counts = new Map<string, Counts>();
  let cases = 0;
  for (const c of months.flat()) {
    cases++;
    if (!c.unit?.startsWith('community:')) continue;
    const id = c.unit.slice('community:'.length);
    counts.set(id, addCounts(counts.get(id) ?? NO_COUNTS, countsOfCase({ ...c, unitId: c.unit }, now)));
  }
  // Ratings: the campaigns that closed within the quarter, from their published notices.
  const closed = campaigns.filter((c) => c.closesAt >= start && c.closesAt < end);
  const notices = (await Promise.all(closed.map((c) => latestNotices(c.id)))).flatMap((n) => n.notices);
  const communityOf = new Map(district.compounds.map((c) => [c.id, c.communityId]));
  const rating = new Map<string, { respondents: number; households: number; satisfied: number }>();
  for (const n of notices) {
    const id = communityOf.get(n.compoundId);
    if (!id) continue;
    const q = n.figures.quality;
    const r = rating.get(id) ?? { respondents: 0, households: 0, satisfied: 0 };
    rating.set(id, { respondents: r.respondents + q.respondents, households: r.households + q.households, satisfied: r.satisfied + q.overall.satisfied + q.overall.basic });
  }
  // Owners' committees formed by the quarter's end, over the community's compounds.
  const formed = new Set(committees.filter((c) => c.formedAt < end).map((c) => c.compoundId));
  const values = new Map<string, Partial<Record<Source, number | null>>>();
  const weights = appealsSettings().weights;
  for (const community of district.communities) {
    const rates = ratesOfCounts(counts.get(community.id) ?? NO_COUNTS, weights);
    const r = rating.get(community.id);
    const compounds = district.compounds.filter((c) => c.communityId === community.id);
    values.set(community.id, {
      'appeals.response': rates.responsePermille,
      'appeals.resolution': rates.resolutionPermille,
      'appeals.satisfaction': rates.satisfactionPermille,
      'ratings.participation': r ? permille(r.respondents, r.households) : null,
      'ratings.satisfaction': r ? permille(r.satisfied, r.respondents) : null,
      'committees.formation': permille(compounds.filter((c) => formed.has(c.id)).length, compounds.length),
      'projects.done': done.filter((p) => p.communityId === community.id).length,
      'teams.callouts': answered.has(community.id) ? permille(answered.get(community.id)!.answered, answered.get(community.id)!.made) : null,
    });
  }
  return { values, inputs: { cases, campaigns: closed.map((c) => c.id), notices: notices.length, compounds: district.compounds.length, committees: formed.size, projectsDone: done.length, callouts: callouts.length } };
}
