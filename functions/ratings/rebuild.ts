// The rebuild (issue 5, item 6): recompute every live figure from the stored submissions and
// check each published notice against the records it was computed from. Reports every
// difference; with `apply`, replaces the live figures by the recomputed ones. Published
// notices are never rewritten: a difference there calls for a correction by staff.
import { isDeepStrictEqual } from 'node:util';
import { addCounters, figures, type Counters } from '../../shared/ratings/aggregate.ts';
import { campaignCompounds, listCampaigns } from './campaign-store.ts';
import { liveFigures, replaceLive } from './live-store.ts';
import { countFromRecords, noticeVersions } from './publication-store.ts';

export interface RebuildDifference {
  campaignId: string;
  compoundId: string;
  kind: 'live' | 'notice';
  detail: string;
}

export interface RebuildReport { campaigns: number; compounds: number; submissions: number; notices: number; differences: RebuildDifference[]; applied: boolean }

function sameCounters(a: Counters, b: Counters): boolean {
  return Object.keys(addCounters(a, b, -1)).length === 0;
}

function describe(a: Counters, b: Counters): string {
  const diff = addCounters(b, a, -1);
  return Object.entries(diff).slice(0, 8).map(([k, v]) => `${k} ${v > 0 ? '+' : ''}${v}`).join(', ');
}

export async function rebuildRatings(options: { apply?: boolean; campaignId?: string } = {}): Promise<RebuildReport> {
  const report: RebuildReport = { campaigns: 0, compounds: 0, submissions: 0, notices: 0, differences: [], applied: !!options.apply };
  const campaigns = (await listCampaigns()).filter((c) => !options.campaignId || c.id === options.campaignId);
  for (const campaign of campaigns) {
    report.campaigns++;
    const places = await campaignCompounds(campaign.id, true);
    const live = await liveFigures(campaign, Math.max(0, ...places.map((p) => p.serviceItems.length)));
    for (const place of places) {
      report.compounds++;
      const { submissions, counted, counters } = await countFromRecords(campaign, place.compoundId);
      report.submissions += submissions.length;
      const current = live.get(place.compoundId)?.counters ?? {};
      if (!sameCounters(current, counters)) {
        report.differences.push({ campaignId: campaign.id, compoundId: place.compoundId, kind: 'live', detail: `live figures differ from ${counted.length} counted submissions: ${describe(current, counters)}` });
        if (options.apply) await replaceLive(campaign.id, place.compoundId, counters, counted);
      }
      const versions = place.publishedVersion ? await noticeVersions(campaign.id, place.compoundId) : [];
      const latest = versions.at(-1);
      if (!latest) continue;
      report.notices++;
      const expected = figures(campaign.questionnaire, place.serviceItems, counters, latest.inputs.households);
      if (!isDeepStrictEqual(expected, latest.figures) || latest.inputs.counted !== counted.length || latest.inputs.submissions !== submissions.length) {
        report.differences.push({
          campaignId: campaign.id, compoundId: place.compoundId, kind: 'notice',
          detail: `published version ${latest.version} was computed from ${latest.inputs.counted} of ${latest.inputs.submissions} submissions; the records now give ${counted.length} of ${submissions.length}`,
        });
      }
    }
  }
  return report;
}
