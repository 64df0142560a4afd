// Owner votes under Civil Code art. 278 (issue 6), as pure rules over integers. Areas are
// hundredths of m², heads are voting owners; every threshold is compared by cross-
// multiplication, never by dividing, so "exactly two thirds" is exactly two thirds.
//
// - Counting (SPC interpretation on building division ownership, arts. 8-9): an owner's area
//   is the sum of their units' exclusive areas in the pinned register version; all units of
//   one owner id are one head (the register's owner ids carry "same buyer" and "developer's
//   unsold units" as one owner each).
// - Quorum: participating area ≥ 2/3 of the total AND participating heads ≥ 2/3 of the
//   total. Participation is per matter: an explicit 弃权 takes part, a blank does not.
// - Ordinary matters (items 1-5 and 9): agree > 1/2 of participating area AND heads.
// - Special matters (items 6-8): agree ≥ 3/4 of participating area AND heads.
//   ("以上" includes the boundary, "过半数" does not: Civil Code art. 1259.)

export const MATTER_KINDS = ['ordinary', 'special'] as const;
export type MatterKind = (typeof MATTER_KINDS)[number];
export const CHOICES = ['agree', 'disagree', 'abstain'] as const;
export type Choice = (typeof CHOICES)[number];

export interface RegisterUnit { unitId: string; ownerId: string; areaHundredths: number }
export interface Matter { id: string; kind: MatterKind }
export interface Vote { ownerId: string; matterId: string; choice: Choice }

export interface Share { areaHundredths: number; heads: number }
export interface MatterResult {
  matterId: string;
  kind: MatterKind;
  participating: Share;
  agree: Share;
  disagree: Share;
  abstain: Share;
  quorumMet: boolean;
  passed: boolean;
}
export interface Tally { totals: Share; matters: MatterResult[] }

/** Voting owners from a register: summed area and one head each. */
export function votingOwners(units: readonly Pick<RegisterUnit, 'ownerId' | 'areaHundredths'>[]): Map<string, number> {
  const owners = new Map<string, number>();
  for (const u of units) owners.set(u.ownerId, (owners.get(u.ownerId) ?? 0) + u.areaHundredths);
  return owners;
}

const zero = (): Share => ({ areaHundredths: 0, heads: 0 });

/** Quorum: ≥ 2/3 of both totals take part (以上 includes the boundary). */
export function quorumMet(participating: Share, totals: Share): boolean {
  return totals.heads > 0 && 3 * participating.areaHundredths >= 2 * totals.areaHundredths && 3 * participating.heads >= 2 * totals.heads;
}

/** Whether the agreeing share carries the matter among those who took part. */
export function carries(kind: MatterKind, agree: Share, participating: Share): boolean {
  if (participating.heads === 0) return false;
  return kind === 'ordinary'
    ? 2 * agree.areaHundredths > participating.areaHundredths && 2 * agree.heads > participating.heads
    : 4 * agree.areaHundredths >= 3 * participating.areaHundredths && 4 * agree.heads >= 3 * participating.heads;
}

/**
 * Tallies votes. Votes must already be one per owner and matter, for known owners and matters
 * (the recount tool and the vote store check that); the result does not depend on their order.
 */
export function tally(units: readonly Pick<RegisterUnit, 'ownerId' | 'areaHundredths'>[], matters: readonly Matter[], votes: Iterable<Vote>): Tally {
  const owners = votingOwners(units);
  const totals: Share = { areaHundredths: [...owners.values()].reduce((a, b) => a + b, 0), heads: owners.size };
  if (!Number.isSafeInteger(4 * totals.areaHundredths)) throw new RangeError('total area too large to count exactly');
  const byMatter = new Map(matters.map((m) => [m.id, { agree: zero(), disagree: zero(), abstain: zero() }]));
  for (const v of votes) {
    const area = owners.get(v.ownerId);
    const counts = byMatter.get(v.matterId);
    if (area === undefined || !counts) throw new RangeError(`vote for an unknown owner or matter: ${v.ownerId} / ${v.matterId}`);
    counts[v.choice].areaHundredths += area;
    counts[v.choice].heads += 1;
  }
  return {
    totals,
    matters: matters.map((m) => {
      const c = byMatter.get(m.id)!;
      const participating: Share = {
        areaHundredths: c.agree.areaHundredths + c.disagree.areaHundredths + c.abstain.areaHundredths,
        heads: c.agree.heads + c.disagree.heads + c.abstain.heads,
      };
      const quorum = quorumMet(participating, totals);
      return { matterId: m.id, kind: m.kind, participating, ...c, quorumMet: quorum, passed: quorum && carries(m.kind, c.agree, participating) };
    }),
  };
}

/** How far participation is from the 2/3 thresholds: the committee's "还差 X m² 和 Y 户". */
export function quorumGap(participating: Share, totals: Share): Share {
  // The least a with 3a ≥ 2T is ceil(2T/3); the same for heads. Integer division only.
  const ceilThird = (n: number) => (n - (n % 3)) / 3 + (n % 3 === 0 ? 0 : 1);
  const needArea = ceilThird(2 * totals.areaHundredths);
  const needHeads = ceilThird(2 * totals.heads);
  return { areaHundredths: Math.max(0, needArea - participating.areaHundredths), heads: Math.max(0, needHeads - participating.heads) };
}
