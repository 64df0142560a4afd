// A district's procedural rules for owner votes (DOMAIN.md): how long a ballot is announced
// before voting opens, how many owners one proxy may hold, how many committee seats an
// election may fill, how long results stay posted. Each district states them in its CDK
// config; the functions read them from the environment, so one code base serves many cities.
import * as z from 'zod';

export const VoteRules = z.object({
  /** Qingdao's regulation: matters are announced 15 days before the vote, and no other matter may be voted on. */
  announceDays: z.number().int().min(0).max(60).default(15),
  /** Written proxies one person may hold in one ballot (Weifang: 3); null means no cap. */
  proxyCap: z.number().int().min(1).max(50).nullable().default(3),
  /** Committee seats: an odd number within these bounds (Shandong: 5 or more; guidance rules: 5-11). */
  seatsMin: z.number().int().min(3).max(21).default(5),
  seatsMax: z.number().int().min(3).max(21).default(11),
  /** Results are posted within this many days of close, and stay posted at least as long. */
  resultNoticeDays: z.number().int().min(1).max(30).default(3),
  /** A committee's term in years (Qingdao: 5). */
  termYears: z.number().int().min(1).max(5).default(5),
});
export type VoteRules = z.infer<typeof VoteRules>;

export const DEFAULT_VOTE_RULES: VoteRules = VoteRules.parse({});

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
