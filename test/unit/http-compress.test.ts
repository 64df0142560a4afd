// API answers gzipped for callers that take it (functions/lib/http.ts): large text only, the
// caller's q=0 respected, and the bytes decompress to exactly what was answered.
import { describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { compressed } from '../../functions/lib/http.ts';

const json = (body: string) => ({ statusCode: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body });

describe('compressed answers', () => {
  it('gzips a large JSON answer for a gzip caller, and it decompresses to the same text (property)', () => {
    fc.assert(fc.property(fc.array(fc.record({ id: fc.string(), name: fc.string({ unit: 'grapheme' }) }), { minLength: 80, maxLength: 200 }), (rows) => {
      const body = JSON.stringify(rows);
      fc.pre(body.length >= 1024);
      const out = compressed(json(body), 'gzip, deflate, br');
      expect(out.isBase64Encoded).toBe(true);
      expect(out.headers).toMatchObject({ 'content-encoding': 'gzip', vary: 'accept-encoding', 'content-type': 'application/json; charset=utf-8' });
      expect(gunzipSync(Buffer.from(out.body!, 'base64')).toString('utf8')).toBe(body);
    }), { numRuns: 50 });
  });

  it('leaves small answers, callers that do not take gzip, q=0, and binary or already encoded answers as they are', () => {
    const big = JSON.stringify({ rows: Array.from({ length: 200 }, (_, i) => ({ i, name: '金口路社区' })) });
    expect(compressed(json('{"ok":true}'), 'gzip')).toEqual(json('{"ok":true}'));
    // Not compressed, but a cache is told the answer depends on Accept-Encoding.
    const varied = { ...json(big), headers: { ...json(big).headers, vary: 'accept-encoding' } };
    expect(compressed(json(big), undefined)).toEqual(varied);
    expect(compressed(json(big), 'br, deflate')).toEqual(varied);
    expect(compressed(json(big), 'gzip;q=0, br')).toEqual(varied);
    expect(compressed(json(big), 'gzip;q=0.5').headers?.['content-encoding']).toBe('gzip');
    expect(compressed(json(big), '*').headers?.['content-encoding']).toBe('gzip');
    const png = { statusCode: 200, headers: { 'content-type': 'image/png' }, body: big };
    expect(compressed(png, 'gzip')).toEqual(png);
    const done = { ...json(big), isBase64Encoded: true };
    expect(compressed(done, 'gzip')).toEqual(done);
  });
});
