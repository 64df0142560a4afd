// Demo ratings: who rates and what they answer, from the compound and the household's row, so
// the demo notices come out the same every time and differ plausibly between compounds.
import { CONTRACT_ANSWERS, DEFAULT_DIMENSIONS, OVERALL_ANSWERS } from '../../shared/ratings/questionnaire.ts';
import type { RatingSubmissionBody } from '../../shared/ratings/submission.ts';
import { rng, type DemoDistrict } from './demo-district.ts';

export function answersFor(compound: DemoDistrict['compounds'][number], i: number): { rates: boolean; answers: Omit<RatingSubmissionBody, 'questionsRev'> } {
  const base = Number(compound.id.slice(1));
  const r = rng(base * 10_007 + i);
  // Each compound has its own service level (0.45 to 0.9) and turnout (25% to 70%).
  const level = 0.45 + ((base * 37) % 46) / 100;
  const turnout = 0.25 + ((base * 53) % 46) / 100;
  const score = () => Math.max(1, Math.min(5, Math.round(1 + 4 * level + (r.next() - 0.5) * 2.4)));
  const scores = Object.fromEntries(DEFAULT_DIMENSIONS.map((d) => [d.id, score()]));
  const o = r.next();
  const items = compound.contract?.serviceItems ?? [];
  return {
    rates: r.next() < turnout,
    answers: {
      idempotencyKey: `demo-${compound.id}-${String(i).padStart(5, '0')}`,
      contract: items.map(() => {
        const x = r.next();
        return x < level * 0.85 ? CONTRACT_ANSWERS[0] : x < level * 0.85 + 0.12 ? CONTRACT_ANSWERS[1] : x < 0.93 ? CONTRACT_ANSWERS[2] : CONTRACT_ANSWERS[3];
      }),
      scores,
      // Satisfied about 30-65%, mostly satisfied 20%, the rest dissatisfied.
      overall: o < level * 0.72 ? OVERALL_ANSWERS[0] : o < level * 0.72 + 0.2 ? OVERALL_ANSWERS[1] : OVERALL_ANSWERS[2],
    },
  };
}
