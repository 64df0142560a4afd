// "Owners who did not vote follow the majority" (未表决视为同意多数意见). Some compounds' rules
// of procedure (议事规则) say so, and Shanghai courts upheld it where delivery of the ballot was
// proven and the consequence announced. It is only ever applied as an explicit per-ballot
// setting, only to owners with recorded proof of delivery, and the raw tally is always
// published beside it (the recount tool computes the raw tally only).
//
// Per matter: the majority is the choice (agree or disagree) held by more than half of the
// participating area AND heads in the raw tally; with no such majority nobody is deemed. An
// owner with proof of delivery who left the matter blank is deemed to have chosen it.
import { tally, type Matter, type RegisterUnit, type Tally, type Vote } from './tally.ts';

export interface DeemedOutcome {
  tally: Tally;
  /** Per matter: the choice the non-voters were deemed to make, and how many owners. */
  deemed: { matterId: string; choice: 'agree' | 'disagree' | null; owners: number }[];
}

export function deemedTally(units: readonly Pick<RegisterUnit, 'ownerId' | 'areaHundredths'>[], matters: readonly Matter[], votes: readonly Vote[], delivered: ReadonlySet<string>): DeemedOutcome {
  const raw = tally(units, matters, votes);
  const voted = new Set(votes.map((v) => `${v.ownerId}\u0000${v.matterId}`));
  const owners = new Set(units.map((u) => u.ownerId));
  const extra: Vote[] = [];
  const deemed = raw.matters.map((m) => {
    const p = m.participating;
    const majority = (['agree', 'disagree'] as const).find((c) => 2 * m[c].areaHundredths > p.areaHundredths && 2 * m[c].heads > p.heads) ?? null;
    let count = 0;
    if (majority) {
      for (const ownerId of delivered) {
        if (!owners.has(ownerId) || voted.has(`${ownerId}\u0000${m.matterId}`)) continue;
        extra.push({ ownerId, matterId: m.matterId, choice: majority });
        count++;
      }
    }
    return { matterId: m.matterId, choice: majority, owners: count };
  });
  return { tally: tally(units, matters, [...votes, ...extra]), deemed };
}
