// Routing appeals (issue 14): the most specific rule wins, category before place, the table
// read top to bottom among equals; duplicates suggested by place, category and window.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { duplicatesOf, route, type RoutingRule } from '../../shared/appeals/routing.ts';

const housing = { kind: 'department', id: 'housing' } as const;
const jinkou = { kind: 'community', id: 'jinkou' } as const;
const street = { kind: 'street', id: 'zhongshan' } as const;
const RULES: RoutingRule[] = [
  { category: '*', place: { streetId: 'zhongshan' }, unit: street },
  { category: '*', place: { communityId: 'jinkou' }, unit: jinkou },
  { category: '物业管理', unit: housing },
  { category: '物业管理', place: { compoundId: 'p0001' }, unit: jinkou },
];
const place = { compoundId: 'p0002', communityId: 'jinkou', streetId: 'zhongshan' };

describe('routing', () => {
  it('prefers a rule for the category, then the nearest place', () => {
    expect(route(RULES, '物业管理', place)).toEqual({ unit: housing, rule: 2 });
    expect(route(RULES, '物业管理', { ...place, compoundId: 'p0001' })).toEqual({ unit: jinkou, rule: 3 });
    expect(route(RULES, '噪音扰民', place)).toEqual({ unit: jinkou, rule: 1 });
    expect(route(RULES, '噪音扰民', { compoundId: null, communityId: 'other', streetId: 'zhongshan' })).toEqual({ unit: street, rule: 0 });
    expect(route(RULES, '噪音扰民', { compoundId: null, communityId: null, streetId: 'badaguan' })).toBeNull();
  });

  it('does not depend on where an unrelated rule sits, and reads equals top to bottom (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: RULES.length }), (at) => {
      const unrelated: RoutingRule = { category: '其他', place: { compoundId: 'p0002' }, unit: street };
      const rules = [...RULES.slice(0, at), unrelated, ...RULES.slice(at)];
      expect(route(rules, '物业管理', place)?.unit).toEqual(housing);
    }));
    const twice: RoutingRule[] = [{ category: '*', unit: street }, { category: '*', unit: jinkou }];
    expect(route(twice, 'x', place)).toEqual({ unit: street, rule: 0 });
  });
});

describe('duplicates', () => {
  const base = { category: '物业管理', compoundId: 'p0002', address: '金口三路 1 号', receivedAt: '2026-12-02T02:00:00Z' };
  it('suggests open cases of the same category and compound within the window, newest first', () => {
    const earlier = [
      { id: 'a', ...base, receivedAt: '2026-11-30T02:00:00Z', state: 'accepted' },
      { id: 'b', ...base, receivedAt: '2026-12-01T02:00:00Z', state: 'dispatched' },
      { id: 'c', ...base, receivedAt: '2026-11-20T02:00:00Z', state: 'accepted' },
      { id: 'd', ...base, category: '噪音扰民', state: 'accepted' },
      { id: 'e', ...base, compoundId: 'p0009', state: 'accepted' },
      { id: 'f', ...base, receivedAt: '2026-12-01T03:00:00Z', state: 'invalid' },
      { id: 'g', ...base, receivedAt: '2026-12-03T03:00:00Z', state: 'accepted' },
    ];
    expect(duplicatesOf(base, earlier).map((e) => e.id)).toEqual(['b', 'a']);
    // Without a compound, the same address (spaces aside) is the same place.
    const loose = { ...base, compoundId: null };
    expect(duplicatesOf(loose, [{ id: 'h', ...loose, address: '金口三路1号', receivedAt: '2026-12-01T02:00:00Z', state: 'received' }, { id: 'i', ...loose, address: '', receivedAt: '2026-12-01T02:00:00Z', state: 'received' }]).map((e) => e.id)).toEqual(['h']);
  });
});
