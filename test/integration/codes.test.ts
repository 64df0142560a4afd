// Household codes over HTTP: issue, print data, sign in until the submission spends the code,
// revoke, reissue, failure-only sliding limits, the compound alarm without lock-out,
// and codes never written to a log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { call, callFrom, testDistrict } from '../support/district.ts';
import { issue, withRegister } from '../support/codes.ts';
import { answers } from '../support/ratings.ts';
import type { LocalDistrict } from '../../infra/local/district.ts';
import { demoDistrict } from '../../infra/local/demo-district.ts';
import { CODE_BITS, normalizeCode, RESIDENT_AUDIENCE } from '../../shared/codes.ts';
import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, generateKeyPair, jwtVerify, SignJWT, type CryptoKey } from 'jose';

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

  it('a code signs in as often as needed until its rating is stored, then never again', async () => {
    const code = letters[0]!.code;
    // The household on several phones at once, and again later (a resident who was interrupted).
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => callFrom(district, `127.0.1.${i + 1}`, 'POST', '/api/auth/household', { code, compoundId: compound.id })));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    const later = await callFrom(district, '127.0.1.100', 'POST', '/api/auth/household', { code, compoundId: compound.id });
    expect(later.status).toBe(200);
    const token = later.json.token;
    const me = await call(district, 'GET', '/api/resident/me', { token });
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({ compound: { id: compound.id }, building: letters[0]!.building, unit: letters[0]!.unit, purpose: { kind: 'rating', id: purpose.id } });
    const statusOf = async () => (await call(district, 'GET', `/api/registry/compounds/${compound.id}/codes?purposeId=${purpose.id}`, { token: staff })).json.counts;
    expect(await statusOf()).toMatchObject({ signed_in: 1, used: 0, issued: 29 });
    // The rating spends the code; a token from an earlier sign-in cannot rate twice.
    const rated = await call(district, 'PUT', '/api/resident/rating', { token, body: answers(compound.contract?.serviceItems ?? [], 0) });
    expect(rated.status, rated.text).toBe(201);
    expect(await statusOf()).toMatchObject({ signed_in: 0, used: 1, issued: 29 });
    const again = await callFrom(district, '127.0.1.101', 'POST', '/api/auth/household', { code, compoundId: compound.id });
    expect(again.json.error.code).toBe('code_invalid');
    const twice = await call(district, 'PUT', '/api/resident/rating', { token: results[0]!.json.token, body: answers(compound.contract?.serviceItems ?? [], 1) });
    expect(twice.json.error.code).toBe('already_submitted');
    const admin = await district.auth.issue('admin');
    const audit = await call(district, 'GET', `/api/audit?target=compound:${compound.id}`, { token: admin });
    expect(audit.json.entries.map((e: any) => e.action)).toEqual(expect.arrayContaining(['code.exchange', 'codes.issue']));
    const exchange = audit.json.entries.find((e: any) => e.action === 'code.exchange');
    expect(exchange).toMatchObject({ role: 'resident', actor: `unit:${compound.id}:${letters[0]!.building}:${letters[0]!.unit}` });
  });

  it('a token from a code that was reissued after the sign-in cannot rate; the new letter can', async () => {
    const l = letters[8]!;
    const signedIn = await callFrom(district, '127.0.11.1', 'POST', '/api/auth/household', { code: l.code });
    expect(signedIn.status).toBe(200);
    const revoke = await call(district, 'POST', `/api/registry/compounds/${compound.id}/codes/revoke`, { token: staff, body: { purposeId: purpose.id, building: l.building, unit: l.unit, reissue: true } });
    expect(revoke.status).toBe(200);
    const old = await call(district, 'PUT', '/api/resident/rating', { token: signedIn.json.token, body: answers(compound.contract?.serviceItems ?? [], 2) });
    expect(old.status).toBe(409);
    expect(old.json.error.code).toBe('code_replaced');
    const fresh = await callFrom(district, '127.0.11.1', 'POST', '/api/auth/household', { code: revoke.json.letter.code });
    const rated = await call(district, 'PUT', '/api/resident/rating', { token: fresh.json.token, body: answers(compound.contract?.serviceItems ?? [], 2) });
    expect(rated.status, rated.text).toBe(201);
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
    // The reissued letter prints with the compound's name and address, as the first one did.
    expect(revoke.json.compound).toEqual({ id: compound.id, name: compound.name, address: expect.stringMatching(/\S/) });
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

  it('two people issuing the same codes at once never print a letter whose code does not work', async () => {
    // Tried: two staff press 生成入户码 for the same compound and campaign at the same moment.
    const race = { kind: 'rating' as const, id: 'rating-race', title: '并发发码' };
    const { createCampaign } = await import('../support/codes.ts');
    await createCampaign(district, staff, race.id, [compound.id]);
    const body = { purpose: race, expiresAt: new Date(Date.now() + 86_400_000).toISOString() };
    const both = await Promise.all([0, 1].map(() => call(district, 'POST', `/api/registry/compounds/${compound.id}/codes`, { token: staff, body })));
    for (const r of both) expect([201, 409], r.text).toContain(r.status);
    for (const r of both.filter((x) => x.status === 409)) expect(r.json.error.code).toBe('codes_being_issued');
    const printed = both.filter((r) => r.status === 201).flatMap((r) => r.json.letters as { building: string; unit: string; code: string }[]);
    // Every unit has exactly one printed letter, and every printed letter signs in.
    expect(printed.map((l) => `${l.building} ${l.unit}`).sort()).toEqual(letters.map((l) => `${l.building} ${l.unit}`).sort());
    const signIns = await Promise.all(printed.map((l, i) => callFrom(district, `127.0.20.${i + 1}`, 'POST', '/api/auth/household', { code: l.code })));
    expect(signIns.map((r) => r.status), signIns.filter((r) => r.status !== 200).map((r) => r.text.slice(0, 300)).join('\n')).toEqual(printed.map(() => 200));
    // Once the first is done, issuing again is free (the lock is released), and finds nothing missing.
    expect((await call(district, 'POST', `/api/registry/compounds/${compound.id}/codes`, { token: staff, body })).json).toMatchObject({ letters: [], kept: 30 });
  });

  it('a right code signs in a bounded number of times an hour, so a kept code cannot fill the audit trail', async () => {
    const { LIMITS } = await import(new URL('../../functions/auth/codes-store.ts', import.meta.url).href);
    const l = letters[9]!;
    const tries = LIMITS.perCode.max as number;
    for (let i = 0; i < tries; i += 10) {
      const batch = await Promise.all(Array.from({ length: Math.min(10, tries - i) }, (_, k) => callFrom(district, `127.0.21.${i + k + 1}`, 'POST', '/api/auth/household', { code: l.code })));
      expect(batch.map((r) => r.status)).toEqual(batch.map(() => 200));
    }
    const over = await callFrom(district, '127.0.22.1', 'POST', '/api/auth/household', { code: l.code });
    expect(over.status).toBe(429);
    expect(over.json.error.code).toBe('too_many_attempts');
    // That client did nothing wrong: its own failure window is untouched.
    expect((await callFrom(district, '127.0.22.1', 'POST', '/api/auth/household', { code: letters[1]!.code })).status).toBe(200);
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

  it('counts only failures per client: households behind one address never lock each other out', async () => {
    // 25 households sign in through one carrier NAT address (some twice).
    const nat = '127.0.12.1';
    for (const l of [...letters.slice(10, 30), ...letters.slice(10, 15)]) expect((await callFrom(district, nat, 'POST', '/api/auth/household', { code: l.code })).status).toBe(200);
  });

  it('stops a client that keeps guessing, even with a right code, for a sliding window', async () => {
    const guesses = await Promise.all(Array.from({ length: 25 }, () => callFrom(district, '127.0.5.1', 'POST', '/api/auth/household', { code: 'AAAA-BBBB-CCCC' })));
    expect(guesses.filter((g) => g.status === 429).length).toBe(5);
    const limited = guesses.find((g) => g.status === 429)!;
    expect(limited.json.error.code).toBe('too_many_attempts');
    expect((await callFrom(district, '127.0.5.1', 'POST', '/api/auth/household', { code: letters[5]!.code })).status).toBe(429);
  });

  it('a window boundary does not let twice the limit through', async () => {
    const { take, TooManyRequests } = await import(new URL('../../functions/lib/rate-limit.ts', import.meta.url).href);
    const limit = { name: 'boundary-test', key: 'k', max: 20, windowSeconds: 900 };
    const end = (Math.floor(Date.now() / 900_000) + 1) * 900_000;
    // 20 failures in the last second of one fixed window ...
    for (let i = 0; i < 20; i++) await take(limit, end - 1000);
    await expect(take(limit, end - 500)).rejects.toBeInstanceOf(TooManyRequests);
    // ... still count a moment into the next one; a fixed window would take 20 more here.
    await expect(take(limit, end + 1000)).rejects.toBeInstanceOf(TooManyRequests);
    // Half a window later, half of them have slid out.
    let taken = 0;
    for (let i = 0; i < 20; i++) {
      try { await take(limit, end + 450_000); taken++; } catch (e) { if (!(e instanceof TooManyRequests)) throw e; }
    }
    expect(taken).toBe(10);
  });

  it('wrong codes from many clients against one compound never lock out a right code; past the threshold they are answered slowly', async () => {
    const { LIMITS } = await import(new URL('../../functions/auth/codes-store.ts', import.meta.url).href);
    for (let i = 0; i < LIMITS.compound.alarmAt; i += 10) {
      await Promise.all(Array.from({ length: 10 }, (_, k) => callFrom(district, `127.0.6.${i + k + 1}`, 'POST', '/api/auth/household', { code: 'AAAA-BBBB-CCCC', compoundId: compound.id })));
    }
    const right = await callFrom(district, '127.0.7.1', 'POST', '/api/auth/household', { code: letters[6]!.code, compoundId: compound.id });
    expect(right.status).toBe(200);
    const started = Date.now();
    const wrong = await callFrom(district, '127.0.7.2', 'POST', '/api/auth/household', { code: 'AAAA-BBBB-CCCD', compoundId: compound.id });
    expect(wrong.json.error.code).toBe('code_invalid');
    expect(Date.now() - started).toBeGreaterThanOrEqual(LIMITS.compound.slowDownMs);
    // Leaving out the compound is no way around the signal: such failures are counted together.
    const stored = await district.doc.send(new ScanCommand({ TableName: district.tableName, FilterExpression: 'begins_with(pk, :p)', ExpressionAttributeValues: { ':p': 'RATE#code-compound-failures#none' } }));
    expect((stored.Items ?? []).length).toBeGreaterThan(0);
  });
});

describe('resident tokens, read the way API Gateway reads them', () => {
  it('serves a discovery document for the issuer the tokens name, whose JWKS verifies them with RS256', async () => {
    const issuer = `${district.url}/api/auth/resident`;
    const discovery = await call(district, 'GET', '/api/auth/resident/.well-known/openid-configuration');
    expect(discovery.status).toBe(200);
    expect(discovery.json).toMatchObject({ issuer, id_token_signing_alg_values_supported: ['RS256'] });
    expect(discovery.json.jwks_uri).toBe(`${issuer}/.well-known/jwks.json`);
    const jwks = await (await fetch(discovery.json.jwks_uri)).json() as { keys: Record<string, string>[] };
    // The signing key, the next one (published a period before it signs); never a private part.
    expect(jwks.keys.length).toBeGreaterThanOrEqual(2);
    for (const k of jwks.keys) {
      expect(k).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
      expect(k.kid).toMatch(/^[0-9a-f]{16}$/);
      for (const secret of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(k).not.toHaveProperty(secret);
    }
    expect(new Set(jwks.keys.map((k) => k.kid)).size).toBe(jwks.keys.length);

    const signedIn = await callFrom(district, '127.0.8.1', 'POST', '/api/auth/household', { code: letters[4]!.code, compoundId: compound.id });
    expect(signedIn.status).toBe(200);
    const token: string = signedIn.json.token;
    const header = decodeProtectedHeader(token);
    expect(header.alg).toBe('RS256');
    expect(jwks.keys.map((k) => k.kid)).toContain(header.kid);
    const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(discovery.json.jwks_uri)), { issuer, audience: RESIDENT_AUDIENCE, algorithms: ['RS256'] });
    expect(payload.exp! - payload.iat!).toBeLessThanOrEqual(24 * 3600);
  });

  it('refuses on resident routes a token API Gateway would refuse: other key, other algorithm, other issuer or audience, none', async () => {
    const signedIn = await callFrom(district, '127.0.8.2', 'POST', '/api/auth/household', { code: letters[4]!.code, compoundId: compound.id });
    const claims = decodeJwt(signedIn.json.token);
    const issuer = `${district.url}/api/auth/resident`;
    const { privateKey: rsa } = await generateKeyPair('RS256');
    const { privateKey: ec } = await generateKeyPair('ES256');
    const sign = (key: CryptoKey, alg: string, c: Record<string, unknown>) => new SignJWT(c).setProtectedHeader({ alg, kid: decodeProtectedHeader(signedIn.json.token).kid }).sign(key);
    const forged = [
      await sign(rsa, 'RS256', claims),
      await sign(ec, 'ES256', claims),
      await sign(rsa, 'RS256', { ...claims, iss: 'https://elsewhere.example/api/auth/resident' }),
      await sign(rsa, 'RS256', { ...claims, aud: 'staff' }),
      `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`,
    ];
    expect(claims.iss).toBe(issuer);
    for (const token of forged) expect((await call(district, 'GET', '/api/resident/me', { token })).status).toBe(401);
    expect((await call(district, 'GET', '/api/resident/me', { token: signedIn.json.token })).status).toBe(200);
  });
});
