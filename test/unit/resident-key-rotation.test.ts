import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RESIDENT_KEY_PERIOD_DAYS, rotated, type StoredKey } from '../../functions/auth/secrets.ts';

const PERIOD = RESIDENT_KEY_PERIOD_DAYS * 86_400_000;
const T0 = Date.parse('2026-01-01T00:00:00Z');

// A fake key is enough: the rule only moves keys around and stamps signsFrom.
let serial = 0;
const key = (at: number): StoredKey => ({ kid: `k${++serial}`, privateJwk: {}, publicJwk: {}, createdAt: new Date(at).toISOString() });

/** Replays loads of the ring at the given times, the way loadRing does, and records what each load published and signed with. */
async function replay(gaps: number[]) {
  const first = { ...key(T0), signsFrom: new Date(T0).toISOString() };
  let ring: StoredKey[] = [first, key(T0)];
  const seen: { at: number; published: string[]; signing: string }[] = [{ at: T0, published: ring.map((k) => k.kid), signing: first.kid }];
  let now = T0;
  for (const gap of gaps) {
    now += gap;
    const next = rotated(ring, new Date(now), async () => key(now));
    if (next) ring = await next;
    seen.push({ at: now, published: ring.map((k) => k.kid), signing: ring.at(-2)!.kid });
  }
  return { first: first.kid, seen };
}

describe('resident signing keys rotate without a window where a cached JWKS lacks the signing key', () => {
  it('leaves a ring alone until its signing key has signed for a whole period', async () => {
    const first = { ...key(T0), signsFrom: new Date(T0).toISOString() };
    const ring = [first, key(T0)];
    expect(rotated(ring, new Date(T0 + PERIOD - 1), async () => key(T0))).toBeNull();
    const next = await rotated(ring, new Date(T0 + PERIOD), async () => key(T0 + PERIOD))!;
    expect(next.map((k) => k.kid)).toEqual([first.kid, ring[1]!.kid, expect.any(String)]);
    expect(next[1]!.signsFrom).toBe(new Date(T0 + PERIOD).toISOString());
  });

  it('over any sequence of loads: at most three keys; a key signs only after a period in the JWKS and stays a period after it stops', async () => {
    const gap = fc.oneof(fc.integer({ min: 0, max: PERIOD / 10 }), fc.integer({ min: PERIOD - 5, max: PERIOD + 5 }), fc.integer({ min: 0, max: 4 * PERIOD }));
    await fc.assert(fc.asyncProperty(fc.array(gap, { minLength: 1, maxLength: 40 }), async (gaps) => {
      const { first, seen } = await replay(gaps);
      const publishedAt = new Map<string, number>();
      const signedFrom = new Map<string, number>();
      const lastSigned = new Map<string, number>();
      const lastPublished = new Map<string, number>();
      for (const s of seen) {
        expect(s.published.length).toBeLessThanOrEqual(3);
        expect(s.published).toContain(s.signing);
        for (const kid of s.published) {
          if (!publishedAt.has(kid)) publishedAt.set(kid, s.at);
          lastPublished.set(kid, s.at);
        }
        if (!signedFrom.has(s.signing)) signedFrom.set(s.signing, s.at);
        lastSigned.set(s.signing, s.at);
      }
      for (const [kid, from] of signedFrom) {
        // The district's very first key signs at once: no JWKS was cached before it existed.
        if (kid !== first) expect(from - publishedAt.get(kid)!).toBeGreaterThanOrEqual(PERIOD);
      }
      for (const [kid, last] of lastSigned) {
        if (kid === seen.at(-1)!.signing) continue;
        // A retired key is still published at every load within a period of its last signature.
        for (const s of seen) if (s.at > last && s.at - last < PERIOD) expect(s.published).toContain(kid);
        expect(lastPublished.get(kid)! >= last).toBe(true);
      }
    }), { numRuns: 300 });
  });
});
