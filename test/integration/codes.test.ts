// Household codes over HTTP: issue, print data, exchange once, revoke, reissue, rate limits,
// and codes never written to a log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { call, callFrom, testDistrict } from '../support/district.ts';
import { issue, withRegister } from '../support/codes.ts';
import type { LocalDistrict } from '../../infra/local/district.ts';
import { demoDistrict } from '../../infra/local/demo-district.ts';
import { CODE_BITS, normalizeCode } from '../../shared/codes.ts';

const d = demoDistrict();
const jinkou = d.communities.find((c) => c.name === '金口路社区')!;
const compound = d.compounds.filter((c) => c.communityId === jinkou.id)[1]!;
const purpose = { kind: 'rating' as const, id: 'rating-2026h2', title: '2026年下半年物业服务评价' };

let district: LocalDistrict;
let staff: string;
let letters: { building: string; unit: string; code: string }[];

beforeAll(async () => {
  district = await testDistrict({ seed: 'structure' });
  staff = await district.auth.issue('jinkou');
  await withRegister(district, staff, compound, 30);
  letters = (await issue(district, staff, compound.id, purpose)).letters;
});
afterAll(async () => district?.stop());

describe('household codes', () => {
  it('issues one readable code per unit with at least 50 bits, stored only as a keyed hash', async () => {
    expect(letters).toHaveLength(30);
    expect(CODE_BITS).toBeGreaterThanOrEqual(50);
    for (const l of letters) expect(l.code).toMatch(/^[3-9A-HJKMNP-Y]{4}-[3-9A-HJKMNP-Y]{4}-[3-9A-HJKMNP-Y]{4}$/);
    expect(new Set(letters.map((l) => l.code)).size).toBe(30);
    const dump = JSON.stringify((await district.doc.send(new ScanCommand({ TableName: district.tableName }))).Items);
    for (const l of letters) {
      expect(dump).not.toContain(l.code);
      expect(dump).not.toContain(normalizeCode(l.code)!);
    }
    // Issuing again for missing units only keeps the live codes.
    const again = await issue(district, staff, compound.id, purpose);
    expect(again).toMatchObject({ letters: [], kept: 30 });
  });

  it('exchanges a code exactly once under 20 concurrent attempts', async () => {
    const code = letters[0]!.code;
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => callFrom(district, `127.0.1.${i + 1}`, 'POST', '/api/auth/household', { code, compoundId: compound.id })));
    const ok = results.filter((r) => r.status === 200);
    expect(ok).toHaveLength(1);
    expect(results.filter((r) => r.status === 400).every((r) => r.json.error.code === 'code_invalid')).toBe(true);
    const token = ok[0]!.json.token;
    const me = await call(district, 'GET', '/api/resident/me', { token });
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({ compound: { id: compound.id }, building: letters[0]!.building, unit: letters[0]!.unit, purpose: { kind: 'rating', id: purpose.id } });
    // Staff see the unit as used; the exchange is in the audit trail.
    const status = await call(district, 'GET', `/api/registry/compounds/${compound.id}/codes?purposeId=${purpose.id}`, { token: staff });
    expect(status.json.counts).toMatchObject({ used: 1, issued: 29 });
    const admin = await district.auth.issue('admin');
    const audit = await call(district, 'GET', `/api/audit?target=compound:${compound.id}`, { token: admin });
    expect(audit.json.entries.map((e: any) => e.action)).toEqual(expect.arrayContaining(['code.exchange', 'codes.issue']));
    const exchange = audit.json.entries.find((e: any) => e.action === 'code.exchange');
    expect(exchange).toMatchObject({ role: 'resident', actor: `unit:${compound.id}:${letters[0]!.building}:${letters[0]!.unit}` });
  });

  it('accepts the code as people type it: lower case, spaces, no dashes', async () => {
    const messy = letters[1]!.code.toLowerCase().replace(/-/g, ' ');
    const res = await callFrom(district, '127.0.2.1', 'POST', '/api/auth/household', { code: messy });
    expect(res.status).toBe(200);
  });

  it('refuses a revoked code, and the reissued one works', async () => {
    const l = letters[2]!;
    const revoke = await call(district, 'POST', `/api/registry/compounds/${compound.id}/codes/revoke`, { token: staff, body: { purposeId: purpose.id, building: l.building, unit: l.unit, reissue: true } });
    expect(revoke.status).toBe(200);
    expect(revoke.json.letter.code).not.toBe(l.code);
    const old = await callFrom(district, '127.0.3.1', 'POST', '/api/auth/household', { code: l.code });
    expect(old.status).toBe(400);
    const fresh = await callFrom(district, '127.0.3.1', 'POST', '/api/auth/household', { code: revoke.json.letter.code });
    expect(fresh.status).toBe(200);
  });

  it('refuses a code its unit does not point at (left over from a race or a crash)', async () => {
    const l = letters[7]!;
    const { codeHash } = await import(new URL('../../functions/auth/secrets.ts', import.meta.url).href);
    const { GetCommand, PutCommand } = await import('@aws-sdk/lib-dynamodb');
    const real = (await district.doc.send(new GetCommand({ TableName: district.tableName, Key: { pk: `CODE#${await codeHash(normalizeCode(l.code)!)}`, sk: 'CODE' } }))).Item!;
    const orphan = 'WXYV-TSRQ-PNMK';
    await district.doc.send(new PutCommand({ TableName: district.tableName, Item: { ...real, pk: `CODE#${await codeHash(normalizeCode(orphan)!)}` } }));
    expect((await callFrom(district, '127.0.10.1', 'POST', '/api/auth/household', { code: orphan })).status).toBe(400);
    expect((await callFrom(district, '127.0.10.1', 'POST', '/api/auth/household', { code: l.code })).status).toBe(200);
  });

  it('gives the same answer for a wrong, a used and a revoked code', async () => {
    const l = letters[3]!;
    await call(district, 'POST', `/api/registry/compounds/${compound.id}/codes/revoke`, { token: staff, body: { purposeId: purpose.id, building: l.building, unit: l.unit } });
    const answers = await Promise.all([
      callFrom(district, '127.0.4.1', 'POST', '/api/auth/household', { code: 'K7QM-3XHP-9RTD' }),
      callFrom(district, '127.0.4.2', 'POST', '/api/auth/household', { code: letters[0]!.code }),
      callFrom(district, '127.0.4.3', 'POST', '/api/auth/household', { code: l.code }),
      callFrom(district, '127.0.4.4', 'POST', '/api/auth/household', { code: 'not a code' }),
    ]);
    const bodies = answers.map((a) => ({ status: a.status, code: a.json.error.code, message: a.json.error.message, fields: a.json.error.fields }));
    for (const b of bodies) expect(b).toEqual(bodies[0]);
  });

  it('stops a client that keeps guessing, and a compound under attack from many clients', async () => {
    const guesses = await Promise.all(Array.from({ length: 25 }, () => callFrom(district, '127.0.5.1', 'POST', '/api/auth/household', { code: 'AAAA-BBBB-CCCC' })));
    expect(guesses.filter((g) => g.status === 429).length).toBe(5);
    const limited = guesses.find((g) => g.status === 429)!;
    expect(limited.json.error.code).toBe('too_many_attempts');
    // Even a right code from that client now waits.
    expect((await callFrom(district, '127.0.5.1', 'POST', '/api/auth/household', { code: letters[5]!.code })).status).toBe(429);
    // 100 wrong codes for one compound from many addresses close that compound's door too.
    for (let i = 0; i < 100; i++) await callFrom(district, `127.0.6.${(i % 200) + 1}`, 'POST', '/api/auth/household', { code: 'AAAA-BBBB-CCCC', compoundId: compound.id });
    const blocked = await callFrom(district, '127.0.7.1', 'POST', '/api/auth/household', { code: letters[6]!.code, compoundId: compound.id });
    expect(blocked.status).toBe(429);
    // Another compound is not affected.
    const other = await callFrom(district, '127.0.7.2', 'POST', '/api/auth/household', { code: letters[6]!.code });
    expect(other.status).toBe(200);
  });
});
