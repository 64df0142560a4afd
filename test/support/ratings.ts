// Households that rate: codes issued for a campaign and exchanged for resident tokens, and
// answers that fit a compound's questionnaire.
import type { LocalDistrict } from '../../infra/local/district.ts';
import type { DemoDistrict } from '../../infra/local/demo-district.ts';
import { CONTRACT_ANSWERS, DEFAULT_DIMENSIONS, OVERALL_ANSWERS } from '../../shared/ratings/questionnaire.ts';
import type { RatingSubmissionBody } from '../../shared/ratings/submission.ts';
import { callFrom } from './district.ts';
import { issue } from './codes.ts';

export interface Household { building: string; unit: string; token: string }

let nextAddress = 0;
/** A fresh loopback address per exchange, so the per-client limit never trips across tests. */
function address(): string {
  const n = nextAddress++;
  return `127.0.${100 + Math.floor(n / 250)}.${1 + (n % 250)}`;
}

/** Every unit's code for a rating campaign (or a ballot), exchanged for a resident token. */
export async function households(district: LocalDistrict, staffToken: string, compoundId: string, purposeId: string, kind: 'rating' | 'ballot' = 'rating'): Promise<Household[]> {
  const { letters } = await issue(district, staffToken, compoundId, { kind, id: purposeId, title: purposeId });
  const out: Household[] = [];
  for (let i = 0; i < letters.length; i += 10) {
    out.push(...(await Promise.all(letters.slice(i, i + 10).map(async (l) => {
      const res = await callFrom(district, address(), 'POST', '/api/auth/household', { code: l.code, compoundId });
      if (res.status !== 200) throw new Error(`exchange failed: ${res.status} ${res.text}`);
      return { building: l.building, unit: l.unit, token: res.json.token as string };
    }))));
  }
  return out;
}

/** Deterministic varied answers for the n-th household. */
export function answers(serviceItems: readonly string[], n: number, o: Partial<RatingSubmissionBody> = {}): RatingSubmissionBody {
  return {
    idempotencyKey: `key-${n}-${'x'.repeat(16)}`.slice(0, 40),
    questionsRev: 1,
    contract: serviceItems.map((_, i) => CONTRACT_ANSWERS[(n + i) % CONTRACT_ANSWERS.length]!),
    scores: Object.fromEntries(DEFAULT_DIMENSIONS.map((d, i) => [d.id, 1 + ((n * 3 + i) % 5)])),
    overall: OVERALL_ANSWERS[n % OVERALL_ANSWERS.length]!,
    ...(n % 4 === 0 ? { suggestion: `希望改进第${n}号意见，联系电话13912345678` } : {}),
    ...o,
  };
}

export function compoundWithItems(d: DemoDistrict, skip = 0): DemoDistrict['compounds'][number] {
  return d.compounds.filter((c) => (c.contract?.serviceItems.length ?? 0) >= 5)[skip]!;
}
