// Work orders as the 12345 platform sends them: built from the shared schema's fields and
// signed with the district's key (read in process, as the local platform does).
import { randomBytes } from 'node:crypto';
import type { LocalDistrict } from '../../infra/local/district.ts';
import type { WorkOrder } from '../../shared/appeals/schemas.ts';
import { call } from './district.ts';

let serial = 0;

export function workOrder(o: Partial<WorkOrder> = {}): WorkOrder {
  return {
    schema: 'gongzhi.12345.work-order/1',
    orderNo: `QD12345-${Date.now().toString(36)}-${++serial}`,
    revision: 1,
    receivedAt: new Date(Date.now() - 60_000).toISOString(),
    type: 'complaint',
    category: '物业管理',
    content: '小区电梯停运三天，物业不修，请尽快处理。',
    address: '安庆路16号',
    callerPhone: '13800138000',
    urgency: 'normal',
    enterprise: false,
    ...o,
  };
}

export async function webhookKey(): Promise<string> {
  const { webhookKeys } = await import('../../functions/appeals/webhook-key.ts');
  return (await webhookKeys(true))[0]!;
}

export interface SendOptions { key?: string; timestamp?: string; nonce?: string; rawBody?: string; signature?: string; lang?: string }

export async function sendOrder(district: LocalDistrict, order: unknown, o: SendOptions = {}) {
  const { sign, SIGNATURE_HEADERS } = await import('../../functions/appeals/signature.ts');
  const body = o.rawBody ?? JSON.stringify(order);
  const timestamp = o.timestamp ?? String(Math.floor(Date.now() / 1000));
  const nonce = o.nonce ?? randomBytes(16).toString('hex');
  const key = o.key ?? (await webhookKey());
  const res = await fetch(`${district.url}/api/appeals/12345/work-orders`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(o.lang ? { 'accept-language': o.lang } : {}),
      [SIGNATURE_HEADERS.timestamp]: timestamp,
      [SIGNATURE_HEADERS.nonce]: nonce,
      [SIGNATURE_HEADERS.signature]: o.signature ?? sign(key, timestamp, nonce, body),
    },
    body,
  });
  const text = await res.text();
  let json: any = null;
  try { json = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, json, text, nonce };
}

export async function step(district: LocalDistrict, token: string, caseId: string, body: Record<string, unknown>, rev?: number) {
  const current = rev ?? (await call(district, 'GET', `/api/appeals/cases/${caseId}`, { token })).json.case.rev;
  return call(district, 'POST', `/api/appeals/cases/${caseId}/steps`, { token, body: { rev: current, step: body } });
}
