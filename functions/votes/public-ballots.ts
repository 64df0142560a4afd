import * as routes from '../routes.ts';
import { httpHandler, HttpResult } from '../lib/http.ts';
import { publicResults } from './result-store.ts';
import { publicAnnouncements } from './ballot-store.ts';

export const handler = httpHandler(routes.publicBallots, async () => {
  const [results, listed] = await Promise.all([publicResults(), publicAnnouncements()]);
  // A counted ballot is read from its results notice (which links its announcement).
  const counted = new Set(results.map((r) => `${r.compoundId}/${r.ballotId}`));
  const announced = listed.filter((a) => !counted.has(`${a.compoundId}/${a.ballotId}`));
  return new HttpResult(200, { results, announced }, { 'cache-control': 'public, max-age=60' });
});
