// Which unit handles an appeal: the district's rule table maps category × place to a unit (a
// community, a street or a department). The most specific rule wins: an exact category before
// any category, and a compound before its community before its street before the district.
// A case no rule covers goes to the dispatcher (the district hotline centre) unrouted.

export type UnitRef = { kind: 'community' | 'street' | 'department'; id: string };

export interface RoutingRule {
  /** A category of the district's catalogue, or '*' for any. */
  category: string;
  /** Where it applies; none: the whole district. */
  place?: { compoundId: string } | { communityId: string } | { streetId: string };
  unit: UnitRef;
}

export interface Place { compoundId: string | null; communityId: string | null; streetId: string | null }

function placeScore(rule: RoutingRule, place: Place): number | null {
  const p = rule.place;
  if (!p) return 0;
  if ('compoundId' in p) return p.compoundId === place.compoundId ? 3 : null;
  if ('communityId' in p) return p.communityId === place.communityId ? 2 : null;
  return p.streetId === place.streetId ? 1 : null;
}

/** The unit suggested for a case, with the rule that chose it; null when no rule applies. */
export function route(rules: readonly RoutingRule[], category: string, place: Place): { unit: UnitRef; rule: number } | null {
  let best: { unit: UnitRef; rule: number; score: number } | null = null;
  for (const [i, rule] of rules.entries()) {
    if (rule.category !== '*' && rule.category !== category) continue;
    const ps = placeScore(rule, place);
    if (ps === null) continue;
    // Category outranks place: a department's whole-district duty for a category beats a
    // community's catch-all for its compounds.
    const score = (rule.category === '*' ? 0 : 10) + ps;
    // The earlier of two equally specific rules wins, so the table reads top to bottom.
    if (!best || score > best.score) best = { unit: rule.unit, rule: i, score };
  }
  return best ? { unit: best.unit, rule: best.rule } : null;
}

export interface DuplicateCandidate { id: string; category: string; compoundId: string | null; address: string; receivedAt: string; state: string }

/**
 * Earlier cases that look like the same matter: same category and same compound (or, without
 * one, the same address) within the window, still open. The dispatcher decides; this only suggests.
 */
export function duplicatesOf(c: Omit<DuplicateCandidate, 'state' | 'id'>, earlier: readonly DuplicateCandidate[], windowMs = 3 * 86_400_000): DuplicateCandidate[] {
  const at = Date.parse(c.receivedAt);
  const norm = (a: string) => a.replace(/\s+/g, '');
  return earlier.filter((e) => {
    const dt = at - Date.parse(e.receivedAt);
    if (dt < 0 || dt > windowMs) return false;
    if (e.category !== c.category || e.state === 'invalid' || e.state === 'merged' || e.state === 'closed') return false;
    return c.compoundId ? e.compoundId === c.compoundId : norm(e.address) !== '' && norm(e.address) === norm(c.address);
  }).sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
}
