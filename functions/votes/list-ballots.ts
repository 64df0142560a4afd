import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { ballotState, listBallots, voteRules } from './ballot-store.ts';
import { getCommittee, listElections, nextGate } from './election-store.ts';

export const handler = httpHandler(routes.ballotsList, async ({ params }) => {
  const [ballots, elections, committee] = await Promise.all([listBallots(params.compoundId), listElections(params.compoundId), getCommittee(params.compoundId)]);
  return {
    rules: voteRules(),
    ballots: ballots.map((b) => ({ id: b.id, title: b.title, kind: b.kind, state: ballotState(b), announcedAt: b.announcedAt, opensAt: b.opensAt, closesAt: b.closesAt, voteCount: b.voteCount, matters: b.matters.length })),
    elections: elections.map((e) => ({ ...e, next: nextGate(e) })),
    committee: committee ?? null,
  };
});
