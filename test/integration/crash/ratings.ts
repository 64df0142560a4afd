// Nothing is lost when the district dies mid-flight: 200 households submit while the local
// district's process is killed with SIGKILL; it starts again on the same data, and every
// submission that was answered with a 2xx is stored and, once the queue drains, counted.
import { afterAll, describe, expect, it } from 'vitest';
import { callFrom, eventually } from '../../support/district.ts';
import { childDistrict, type ChildStarted } from '../../support/child-district.ts';
import { answers } from '../../support/ratings.ts';
import { freePort } from '../../../infra/local/ports.ts';
import { demoDistrict, demoRegisterRows, rowsToCsv } from '../../../infra/local/demo-district.ts';
import type { LocalDistrict } from '../../../infra/local/district.ts';

const d = demoDistrict();
const district = childDistrict('crash');
const start = (port: number) => district.start(port);
const asDistrict = (s: ChildStarted) => ({ url: s.url }) as LocalDistrict;

afterAll(() => district.dispose());

describe('a district killed mid-flight', () => {
  it('keeps and counts every submission it acknowledged', async () => {
    const port = await freePort();
    let s: ChildStarted = await start(port);
    const api = (method: string, path: string, body?: unknown, from = '127.0.0.1') => callFrom(asDistrict(s), from, method, path, body, s.admin);
    // Two compounds with enough units for 200 households.
    const compounds = d.compounds.filter((c) => c.contract && c.contract.serviceItems.length > 0).slice(0, 12);
    const picked: { id: string; items: string[] }[] = [];
    let units = 0;
    for (const c of compounds) {
      if (units >= 200) break;
      const rows = demoRegisterRows(c);
      const res = await api('POST', `/api/registry/compounds/${c.id}/register/imports`, { mode: 'commit', fileName: 'r.csv', contentBase64: Buffer.from(rowsToCsv(rows)).toString('base64') });
      expect(res.json.ok, res.text).toBe(true);
      picked.push({ id: c.id, items: c.contract!.serviceItems });
      units += rows.length;
    }
    const campaign = await api('PUT', '/api/ratings/campaigns/crash', { title: '断电测试评价', period: '2026年下半年', issuer: '市南区', templateId: 'standard', opensAt: new Date(Date.now() - 60_000).toISOString(), closesAt: new Date(Date.now() + 86_400_000).toISOString(), compoundIds: picked.map((p) => p.id) });
    expect(campaign.status).toBe(201);
    const homes: { compound: { id: string; items: string[] }; token: string }[] = [];
    let n = 0;
    const letters: { compound: { id: string; items: string[] }; code: string }[] = [];
    for (const p of picked) {
      const issued = await api('POST', `/api/registry/compounds/${p.id}/codes`, { purpose: { kind: 'rating', id: 'crash', title: '断电测试评价' }, expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
      for (const l of issued.json.letters) if (letters.length < 200) letters.push({ compound: p, code: l.code });
    }
    // Households sign in ten at a time (each sign-in is several reads and writes; one by one
    // they took most of the test's time on a loaded machine).
    for (let i = 0; i < letters.length; i += 10) {
      homes.push(...(await Promise.all(letters.slice(i, i + 10).map(async (l) => {
        const ex = await callFrom(asDistrict(s), `127.0.${200 + Math.floor(n / 200)}.${1 + (n++ % 200)}`, 'POST', '/api/auth/household', { code: l.code });
        expect(ex.status, ex.text).toBe(200);
        return { compound: l.compound, token: ex.json.token as string };
      }))));
    }
    expect(homes).toHaveLength(200);

    // 200 submissions in flight; the process dies once some have been answered.
    const acknowledged: number[] = [];
    const refused: string[] = [];
    const inFlight = homes.map((h, i) => callFrom(asDistrict(s), '127.0.0.1', 'PUT', '/api/resident/rating', answers(h.compound.items, i), h.token)
      .then((r) => {
        if (r.status >= 200 && r.status < 300) acknowledged.push(i);
        else refused.push(`${r.status} ${r.json?.error?.code ?? r.text.slice(0, 80)}`);
      })
      .catch(() => undefined));
    // Killed once 20 are acknowledged with most still in flight; on a machine slow enough that 20
    // take over a minute, once any is (what is tested holds from the first acknowledged).
    const started = Date.now();
    await eventually(async () => acknowledged.length >= 20 || (acknowledged.length > 0 && Date.now() - started > 60_000) || null, 240_000).catch((e) => {
      // What the district answered meanwhile: the cause, when it was too slow.
      const tally = refused.reduce<Record<string, number>>((a, r) => ({ ...a, [r]: (a[r] ?? 0) + 1 }), {});
      throw new Error(`${acknowledged.length} acknowledged and ${refused.length} refused in ${Date.now() - started} ms: ${JSON.stringify(tally)}`, { cause: e });
    });
    console.log(`crash: ${acknowledged.length} acknowledged, ${refused.length} refused after ${Date.now() - started} ms`);
    district.kill();
    await Promise.all(inFlight);
    expect(acknowledged.length).toBeGreaterThan(0);
    // Before the kill, a refusal is only ever "send again" (a transaction conflict), never an error.
    expect(refused.filter((r) => !r.startsWith('409 retry'))).toEqual([]);
    expect(acknowledged.length).toBeLessThan(200);

    s = await start(port);
    const stored = new Map<string, number>();
    for (const p of picked) {
      const review = await api('GET', `/api/ratings/campaigns/crash/compounds/${p.id}`);
      stored.set(p.id, review.json.submissions.length);
    }
    // Every acknowledged household is stored ...
    const perCompound = new Map<string, number>();
    for (const i of acknowledged) perCompound.set(homes[i]!.compound.id, (perCompound.get(homes[i]!.compound.id) ?? 0) + 1);
    for (const [id, count] of perCompound) expect(stored.get(id)!).toBeGreaterThanOrEqual(count);
    // ... and once the events drain, the live figures count exactly what is stored.
    const total = [...stored.values()].reduce((a, b) => a + b, 0);
    await eventually(async () => {
      const dash = await api('GET', '/api/ratings/campaigns/crash');
      return dash.json.totals.respondents === total || null;
    }, 60_000);
  }, 600_000);
});
