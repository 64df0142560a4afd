// Committee elections (issue 6, gate 5): each candidate is an ordinary matter of the election
// ballot (support = agree), so the recount tool checks every candidate's majority with the
// same rules; this file adds the one thing a vote does not have, filling N seats.
//
// A candidate is electable when their support passes as an ordinary matter (quorum, and
// > 1/2 of the participating area AND heads). Electable candidates are ranked by supporting
// area, then heads; a tie that straddles the last seat leaves those seats open (a runoff is
// the committee's decision, not the software's).
import type { MatterResult } from './tally.ts';

export interface SeatAllocation {
  elected: string[];
  /** Electable but below the last seat. */
  runnersUp: string[];
  /** Candidates tied for the last seat(s): none of them is elected. */
  tiedAtLastSeat: string[];
  openSeats: number;
}

export function allocateSeats(candidates: readonly MatterResult[], seats: number): SeatAllocation {
  const electable = candidates.filter((c) => c.passed)
    .sort((a, b) => b.agree.areaHundredths - a.agree.areaHundredths || b.agree.heads - a.agree.heads);
  if (electable.length <= seats) return { elected: electable.map((c) => c.matterId), runnersUp: [], tiedAtLastSeat: [], openSeats: seats - electable.length };
  const last = electable[seats - 1]!;
  const same = (c: MatterResult) => c.agree.areaHundredths === last.agree.areaHundredths && c.agree.heads === last.agree.heads;
  const next = electable[seats]!;
  if (!same(next)) return { elected: electable.slice(0, seats).map((c) => c.matterId), runnersUp: electable.slice(seats).map((c) => c.matterId), tiedAtLastSeat: [], openSeats: 0 };
  const tied = electable.filter(same);
  const above = electable.filter((c) => !same(c) && (c.agree.areaHundredths > last.agree.areaHundredths || (c.agree.areaHundredths === last.agree.areaHundredths && c.agree.heads > last.agree.heads)));
  const below = electable.filter((c) => !same(c) && !above.includes(c));
  return { elected: above.map((c) => c.matterId), runnersUp: below.map((c) => c.matterId), tiedAtLastSeat: tied.map((c) => c.matterId), openSeats: seats - above.length };
}
