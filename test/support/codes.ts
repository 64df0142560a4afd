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
  if (purpose.kind === 'rating') await ensureCampaign(district, token, purpose.id, compoundId);
  const res = await call(district, 'POST', `/api/registry/compounds/${compoundId}/codes`, { token, body: { purpose, expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(), units } });
  if (res.status !== 201) throw new Error(`issue failed: ${res.status} ${res.text}`);
  return res.json as { letters: { building: string; unit: string; code: string }[]; kept: number };
}

export interface CampaignOptions { opensAt?: string; closesAt?: string; title?: string; templateId?: string }

/** Creates a rating campaign over these compounds (open now unless told otherwise). */
export async function createCampaign(district: LocalDistrict, token: string, id: string, compoundIds: string[], o: CampaignOptions = {}) {
  const body = {
    title: o.title ?? `${id} 物业服务评价`, period: '2026年下半年', issuer: '市南区住房和城乡建设局', templateId: o.templateId ?? 'standard',
    opensAt: o.opensAt ?? new Date(Date.now() - 60_000).toISOString(), closesAt: o.closesAt ?? new Date(Date.now() + 8 * 86_400_000).toISOString(), compoundIds,
  };
  const res = await call(district, 'PUT', `/api/ratings/campaigns/${id}`, { token, body });
  if (res.status !== 201) throw new Error(`campaign failed: ${res.status} ${res.text}`);
  return res.json as { id: string; qrev: number; rev: number; closesAt: string };
}

/** A rating code needs a campaign that asks the compound: made here when a test has none. */
async function ensureCampaign(district: LocalDistrict, token: string, id: string, compoundId: string) {
  const got = await call(district, 'GET', `/api/ratings/campaigns/${id}`, { token });
  if (got.status === 404) return createCampaign(district, token, id, [compoundId]);
  if (!got.json?.campaign?.compoundIds?.includes(compoundId)) throw new Error(`campaign ${id} does not ask ${compoundId}: ${got.status} ${got.text.slice(0, 200)}`);
  return got.json.campaign;
}
