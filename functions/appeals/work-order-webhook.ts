// POST /api/appeals/12345/work-orders: the 12345 platform pushes a work order, signed. Checked
// in this order, each refusal storing nothing: size (the middleware), signature with its
// timestamp and nonce format, JSON, schema; then the nonce is spent with the case in one
// transaction, and the answer goes out only after that is stored.
import * as z from 'zod/mini';
import * as routes from '../routes.ts';
import { httpHandler } from '../lib/http.ts';
import { BadRequest, DomainError } from '../../shared/errors.ts';
import { WorkOrder } from '../../shared/appeals/schemas.ts';
import { chineseIssue } from '../../shared/zod-zh.ts';
import { langOf } from '../../shared/refusal-words.ts';
import { SIGNATURE_HEADERS, signatureRefusal, type SignatureRefusal } from './signature.ts';
import { webhookKeys } from './webhook-key.ts';
import { ingestWorkOrder } from './intake.ts';

const REFUSALS: Record<SignatureRefusal, string> = {
  missing_header: `Sign the request: ${Object.values(SIGNATURE_HEADERS).join(', ')} are required`,
  bad_timestamp: 'The timestamp must be Unix seconds',
  stale: 'The timestamp is more than 5 minutes from the server clock',
  bad_nonce: 'The nonce must be 16 to 64 letters, digits, - or _',
  bad_signature: 'The signature does not match',
};

async function verify(headers: Record<string, string | undefined>, raw: string): Promise<void> {
  let refusal: SignatureRefusal | null = 'bad_signature';
  for (const fresh of [false, true]) {
    // A key rotated in the last minute is not in this container's copy yet: read again once.
    for (const key of await webhookKeys(fresh)) {
      refusal = signatureRefusal(key, headers, raw, Date.now());
      if (refusal !== 'bad_signature') break;
    }
    if (refusal !== 'bad_signature') break;
  }
  if (refusal) throw new DomainError(401, refusal, REFUSALS[refusal], [{ path: `headers.${refusal === 'stale' || refusal === 'bad_timestamp' ? SIGNATURE_HEADERS.timestamp : refusal === 'bad_nonce' ? SIGNATURE_HEADERS.nonce : SIGNATURE_HEADERS.signature}`, reason: refusal }]);
}

export const handler = httpHandler(routes.workOrderWebhook, async ({ body }, { headers }) => {
  const raw = body as unknown as string;
  await verify(headers, raw);
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new BadRequest('The body is not valid JSON', [{ path: 'body', reason: 'not valid JSON' }], 'malformed_json');
  }
  const zh = langOf(headers['accept-language']) === 'zh';
  const parsed = z.safeParse(WorkOrder, json, zh ? { error: chineseIssue } : undefined);
  if (!parsed.success) throw new BadRequest('The work order is not valid', parsed.error.issues.map((i) => ({ path: ['body', ...i.path.map(String)].join('.'), reason: i.message })), 'validation_failed');
  return ingestWorkOrder(parsed.data, headers[SIGNATURE_HEADERS.nonce]!);
});
