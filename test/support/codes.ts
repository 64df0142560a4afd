import type { LocalDistrict } from '../../infra/local/district.ts';
import { demoRegisterRows, rowsToCsv, type DemoDistrict } from '../../infra/local/demo-district.ts';
import { call } from './district.ts';

/** Gives a compound a small owners' register so that codes can be issued for its units. */
export async function withRegister(district: LocalDistrict, token: string, compound: DemoDistrict['compounds'][number], units = 12) {
  const rows = demoRegisterRows(compound).slice(0, units);
  const res = await call(district, 'POST', `/api/registry/compounds/${compound.id}/register/imports`, { token, body: { mode: 'commit', fileName: 'r.csv', contentBase64: Buffer.from(rowsToCsv(rows)).toString('base64') } });
  if (!res.json?.ok) throw new Error(`register import failed: ${res.text}`);
  return rows;
}

export async function issue(district: LocalDistrict, token: string, compoundId: string, purpose: { kind: 'rating' | 'ballot'; id: string; title: string }, units: 'missing' | 'all' = 'missing') {
  const res = await call(district, 'POST', `/api/registry/compounds/${compoundId}/codes`, { token, body: { purpose, expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(), units } });
  if (res.status !== 201) throw new Error(`issue failed: ${res.status} ${res.text}`);
  return res.json as { letters: { building: string; unit: string; code: string }[]; kept: number };
}
