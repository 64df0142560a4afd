// Pairings and evaluation rounds through the API, as the organisation department and the
// communities use them.
import { randomBytes } from 'node:crypto';
import type { LocalDistrict } from '../../infra/local/district.ts';
import { call } from './district.ts';

export const FULL_SCORES = (s = 4) => ({ responsiveness: s, projects: s, presence: s, overall: s });

/** Pairs a community with departments (reading its revision first). */
export async function pair(district: LocalDistrict, admin: string, communityId: string, departmentIds: string[], leaderIds: string[] = []) {
  const { json } = await call(district, 'GET', '/api/pairings', { token: admin });
  const rev = json.pairings.find((p: { communityId: string }) => p.communityId === communityId)?.rev ?? 0;
  const res = await call(district, 'PUT', `/api/pairings/communities/${communityId}`, { token: admin, body: { rev, departmentIds, leaderIds } });
  if (res.status !== 200) throw new Error(`pairing ${communityId}: ${res.status} ${res.text}`);
  return res.json;
}

export async function department(district: LocalDistrict, admin: string, id: string, name: string) {
  const res = await call(district, 'PUT', `/api/registry/departments/${id}`, { token: admin, body: { name } });
  if (res.status !== 200) throw new Error(`department ${id}: ${res.status} ${res.text}`);
}

/** Opens a round now (or at `opensInMs`), closing in `closesInMs`. */
export async function openRound(district: LocalDistrict, admin: string, roundId: string, o: { period?: string; opensInMs?: number; closesInMs?: number; criteria?: unknown } = {}) {
  const res = await call(district, 'PUT', `/api/evaluations/rounds/${roundId}`, {
    token: admin,
    body: {
      title: `${roundId} 部门评价`, period: o.period ?? `20${10 + (randomBytes(1)[0]! % 15)}-H${1 + (randomBytes(1)[0]! % 2)}`,
      opensAt: new Date(Date.now() + (o.opensInMs ?? -60_000)).toISOString(), closesAt: new Date(Date.now() + (o.closesInMs ?? 3_600_000)).toISOString(),
      ...(o.criteria ? { criteria: o.criteria } : {}),
    },
  });
  if (res.status !== 201) throw new Error(`round ${roundId}: ${res.status} ${res.text}`);
  return res.json;
}

export function rate(district: LocalDistrict, token: string, roundId: string, departmentId: string, o: { scores?: Record<string, number>; comment?: string; key?: string } = {}) {
  return call(district, 'POST', `/api/evaluations/rounds/${roundId}/evaluations`, {
    token,
    body: { departmentId, scores: o.scores ?? FULL_SCORES(), comment: o.comment ?? '', idempotencyKey: o.key ?? randomBytes(12).toString('hex') },
  });
}
