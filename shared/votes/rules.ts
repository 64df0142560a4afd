// A district's procedural rules for owner votes (DOMAIN.md): how long a ballot is announced
// before voting opens, how many owners one proxy may hold, how many committee seats an
// election may fill, how long results stay posted. Each district states them in its CDK
// config; the functions read them from the environment, so one code base serves many cities.
import * as z from 'zod/mini';
import '../zod-en.ts';

// Each schema is built through `pure`, marked free of side effects, so that a function's
// bundle leaves out (and so never builds at cold start) the schemas its own route does not
// use. esbuild honours the mark only in the file that declares it: one such line per module.
const pure = /* @__NO_SIDE_EFFECTS__ */ <T>(build: () => T): T => build();

export const VoteRules = pure(() => z.object({
  /** Qingdao's regulation: matters are announced 15 days before the vote, and no other matter may be voted on. */
  announceDays: z._default(z.number().check(z.int(), z.minimum(0), z.maximum(60)), 15),
  /** Written proxies one person may hold in one ballot (Weifang: 3); null means no cap. */
  proxyCap: z._default(z.nullable(z.number().check(z.int(), z.minimum(1), z.maximum(50))), 3),
  /** Committee seats: an odd number within these bounds (Shandong: 5 or more; guidance rules: 5-11). */
  seatsMin: z._default(z.number().check(z.int(), z.minimum(3), z.maximum(21)), 5),
  seatsMax: z._default(z.number().check(z.int(), z.minimum(3), z.maximum(21)), 11),
  /** Results are posted within this many days of close, and stay posted at least as long. */
  resultNoticeDays: z._default(z.number().check(z.int(), z.minimum(1), z.maximum(30)), 3),
  /** A committee's term in years (Qingdao: 5). */
  termYears: z._default(z.number().check(z.int(), z.minimum(1), z.maximum(5)), 5),
}));
export type VoteRules = z.infer<typeof VoteRules>;

export const DEFAULT_VOTE_RULES: VoteRules = pure(() => VoteRules.parse({}));

/** The rules as deployed: `VOTE_RULES` holds the district's overrides as JSON. */
export function voteRulesFrom(json: string | undefined): VoteRules {
  return VoteRules.parse(json ? JSON.parse(json) : {});
}

/** Whether a number of seats is allowed: odd, within the district's bounds. */
export function seatsProblem(seats: number, rules: VoteRules): string | null {
  if (seats % 2 === 0) return `the number of seats must be odd, got ${seats}`;
  if (seats < rules.seatsMin || seats > rules.seatsMax) return `the district allows ${rules.seatsMin} to ${rules.seatsMax} seats, got ${seats}`;
  return null;
}

const DAY = 86_400_000;

/** The earliest a ballot announced at `announcedAt` may open. */
export function earliestOpening(announcedAt: string, rules: VoteRules): string {
  return new Date(Date.parse(announcedAt) + rules.announceDays * DAY).toISOString();
}

/** The end of the results period that starts at `from`: results are published within it after voting closes, and stay posted at least as long after the count. */
export function resultPeriodEnd(from: string, rules: VoteRules): string {
  return new Date(Date.parse(from) + rules.resultNoticeDays * DAY).toISOString();
}
