import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { computeQuarter, quarterVersions } from './results-store.ts';
import { quarterEntries } from './entries-store.ts';
import { quarterReviews } from './review-store.ts';

export const handler = httpHandler(routes.assessmentQuarter, async ({ params }) => {
  const [preview, entries, reviews, versions] = await Promise.all([computeQuarter(params.quarter), quarterEntries(params.quarter), quarterReviews(params.quarter), quarterVersions(params.quarter)]);
  return {
    quarter: params.quarter,
    preview,
    entries: entries.map((e) => ({ communityId: e.communityId, values: e.values, rev: e.rev, updatedAt: e.updatedAt })),
    reviewsFrom: reviews.map((r) => ({ communityId: r.from, submittedAt: r.submittedAt })),
    versions: versions.map((v) => ({ version: v.version, frozenAt: v.frozenAt, reason: v.reason, changes: v.changes })),
  };
});
