// The 12345 webhook's contract (issue 14): the signature over timestamp, nonce and raw body,
// refused when wrong, stale or malformed; and the work order's schema.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as z from 'zod/mini';
import { CLOCK_SKEW_MS, sign, SIGNATURE_HEADERS as H, signatureRefusal } from '../../functions/appeals/signature.ts';
import { WorkOrder } from '../../shared/appeals/schemas.ts';

const KEY = 'district-key-for-tests-0123456789';
const NOW = Date.parse('2026-12-02T02:00:00Z');
const ts = String(Math.floor(NOW / 1000));
const NONCE = 'n0nce-0123456789abcdef';
const headers = (body: string, o: Partial<Record<string, string>> = {}) => ({ [H.timestamp]: ts, [H.nonce]: NONCE, [H.signature]: sign(KEY, ts, NONCE, body), ...o });

describe('the webhook signature', () => {
  it('accepts the platform\'s signature and refuses any change to the body, timestamp, nonce or key (property)', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200, unit: 'grapheme' }), fc.string({ minLength: 1, maxLength: 5 }), (body, extra) => {
      expect(signatureRefusal(KEY, headers(body), body, NOW)).toBeNull();
      expect(signatureRefusal(KEY, headers(body), body + extra, NOW)).toBe('bad_signature');
      expect(signatureRefusal(`${KEY}x`, headers(body), body, NOW)).toBe('bad_signature');
      expect(signatureRefusal(KEY, headers(body, { [H.nonce]: `${NONCE}x` }), body, NOW)).toBe('bad_signature');
    }), { numRuns: 200 });
  });

  it('refuses a timestamp more than 5 minutes off either way, and malformed headers', () => {
    const body = '{}';
    const at = (ms: number) => { const t = String(Math.floor(ms / 1000)); return { [H.timestamp]: t, [H.nonce]: NONCE, [H.signature]: sign(KEY, t, NONCE, body) }; };
    expect(signatureRefusal(KEY, at(NOW - CLOCK_SKEW_MS + 1000), body, NOW)).toBeNull();
    expect(signatureRefusal(KEY, at(NOW - CLOCK_SKEW_MS - 1000), body, NOW)).toBe('stale');
    expect(signatureRefusal(KEY, at(NOW + CLOCK_SKEW_MS + 1000), body, NOW)).toBe('stale');
    expect(signatureRefusal(KEY, headers(body, { [H.timestamp]: '2026-12-02T02:00:00Z' }), body, NOW)).toBe('bad_timestamp');
    expect(signatureRefusal(KEY, headers(body, { [H.nonce]: 'short' }), body, NOW)).toBe('bad_nonce');
    expect(signatureRefusal(KEY, headers(body, { [H.signature]: 'zz' }), body, NOW)).toBe('bad_signature');
    expect(signatureRefusal(KEY, { [H.timestamp]: ts, [H.nonce]: NONCE }, body, NOW)).toBe('missing_header');
    // Upper-case hex is the same signature.
    expect(signatureRefusal(KEY, headers(body, { [H.signature]: sign(KEY, ts, NONCE, body).toUpperCase() }), body, NOW)).toBeNull();
  });
});

describe('the work order', () => {
  const order = { schema: 'gongzhi.12345.work-order/1', orderNo: 'QD12345-20261202-0001', revision: 1, receivedAt: '2026-12-02T09:30:00+08:00', type: 'complaint', category: '物业管理', content: '小区电梯停运三天无人维修。', address: '青岛市市南区金口三路', callerPhone: '13800000001' };

  it('takes a well-formed order with its defaults', () => {
    expect(z.parse(WorkOrder, order)).toMatchObject({ urgency: 'normal', enterprise: false, address: '青岛市市南区金口三路' });
  });

  it('refuses each malformed field by name', () => {
    const tries: [Record<string, unknown>, string][] = [
      [{ schema: 'other/1' }, 'schema'], [{ orderNo: 'a b' }, 'orderNo'], [{ revision: 0 }, 'revision'], [{ revision: 1.5 }, 'revision'],
      [{ receivedAt: 'yesterday' }, 'receivedAt'], [{ type: '投诉' }, 'type'], [{ content: '' }, 'content'], [{ callerPhone: '12345' }, 'callerPhone'],
      [{ content: 'x'.repeat(4001) }, 'content'], [{ urgency: 'now' }, 'urgency'], [{ content: '电梯\u202e停运' }, 'content'],
    ];
    for (const [change, field] of tries) {
      const result = z.safeParse(WorkOrder, { ...order, ...change });
      expect(result.success, field).toBe(false);
      expect(result.error!.issues.map((i) => i.path[0]), field).toContain(field);
    }
  });
});
