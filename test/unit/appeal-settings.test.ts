// Which limits a case runs under (shared/appeals/settings.ts): an enterprise's under 2115; any
// other under the district's, its type's over them, its category's over those.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { limitsFor, QINGDAO_2115, settingsOf } from '../../shared/appeals/settings.ts';
import { SHANDONG_LIMITS, type Limits } from '../../shared/appeals/lifecycle.ts';
import { APPEAL_TYPES } from '../../shared/appeals/types.ts';

const partial: fc.Arbitrary<Partial<Limits>> = fc.record({ replyDays: fc.integer({ min: 1, max: 30 }), returnDays: fc.integer({ min: 1, max: 10 }), maxExtensionDays: fc.integer({ min: 0, max: 30 }), contactHours: fc.option(fc.integer({ min: 1, max: 72 }), { nil: null }) }, { requiredKeys: [] });

describe('the limits of a case', () => {
  it('takes the most specific value of each field: category, then type, then the district (property)', () => {
    fc.assert(fc.property(partial, partial, partial, fc.constantFrom(...APPEAL_TYPES), fc.constantFrom('heating', 'noise', null), (district, byType, byCategory, type, category) => {
      const s = settingsOf({ limits: district, limitsByType: { [type]: byType }, limitsByCategory: { heating: byCategory } });
      const got = limitsFor(s, { enterprise: false, type, category });
      for (const field of ['replyDays', 'returnDays', 'maxExtensionDays', 'contactHours'] as const) {
        const expected = category === 'heating' && field in byCategory ? byCategory[field] : field in byType ? byType[field] : field in district ? district[field] : SHANDONG_LIMITS[field];
        expect(got[field]).toBe(expected);
      }
      // An enterprise's appeal runs under 2115 whatever its type or category.
      expect(limitsFor(s, { enterprise: true, type, category })).toEqual(QINGDAO_2115);
    }), { numRuns: 300 });
  });

  it('leaves other types and categories at the district\'s', () => {
    const s = settingsOf({ limitsByType: { consult: { replyDays: 3 } }, limitsByCategory: { heating: { replyDays: 2 } } });
    expect(limitsFor(s, { enterprise: false, type: 'complaint', category: 'noise' })).toEqual(SHANDONG_LIMITS);
    expect(limitsFor(s, { enterprise: false, type: 'consult', category: 'noise' }).replyDays).toBe(3);
    expect(limitsFor(s, { enterprise: false, type: 'consult', category: 'heating' }).replyDays).toBe(2);
  });
});
