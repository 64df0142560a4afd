// The 12345 webhook's signature: HMAC-SHA256 with the district's key over the timestamp, the
// nonce and the raw body, each on its own line, hex-encoded. A request is refused (nothing
// stored) when the signature is wrong, the timestamp is more than 5 minutes off, or the nonce
// was seen (the caller stores nonces conditionally; this module only checks the rest).
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADERS = { timestamp: 'x-gz-timestamp', nonce: 'x-gz-nonce', signature: 'x-gz-signature' } as const;
export const CLOCK_SKEW_MS = 5 * 60_000;
const NONCE = /^[A-Za-z0-9_-]{16,64}$/;
const TIMESTAMP = /^\d{10}$/;
const HEX = /^[0-9a-f]{64}$/;

export function sign(key: string, timestamp: string, nonce: string, rawBody: string): string {
  return createHmac('sha256', key).update(`${timestamp}\n${nonce}\n`).update(rawBody).digest('hex');
}

export type SignatureRefusal = 'missing_header' | 'bad_timestamp' | 'stale' | 'bad_nonce' | 'bad_signature';

/** Why a request's signature is refused, or null; compared in constant time. `now` in ms. */
export function signatureRefusal(key: string, headers: Record<string, string | undefined>, rawBody: string, now: number): SignatureRefusal | null {
  const timestamp = headers[SIGNATURE_HEADERS.timestamp];
  const nonce = headers[SIGNATURE_HEADERS.nonce];
  const given = headers[SIGNATURE_HEADERS.signature]?.toLowerCase();
  if (!timestamp || !nonce || !given) return 'missing_header';
  if (!TIMESTAMP.test(timestamp)) return 'bad_timestamp';
  if (Math.abs(now - Number(timestamp) * 1000) > CLOCK_SKEW_MS) return 'stale';
  if (!NONCE.test(nonce)) return 'bad_nonce';
  if (!HEX.test(given)) return 'bad_signature';
  const expected = Buffer.from(sign(key, timestamp, nonce, rawBody), 'hex');
  return timingSafeEqual(expected, Buffer.from(given, 'hex')) ? null : 'bad_signature';
}
