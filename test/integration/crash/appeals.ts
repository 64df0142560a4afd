// Nothing acknowledged is lost: the local 12345 platform's burst of 500 signed work orders is
// cut by SIGKILL of the district's process; started again on the same data, every work order
// that was answered 200 has its case, and sending it again answers the same case.
import { afterAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { eventually } from '../../support/district.ts';
import { childDistrict, type ChildStarted } from '../../support/child-district.ts';
import { freePort } from '../../../infra/local/ports.ts';
import { demoWorkOrder } from '../../../infra/local/platform-12345.ts';
import { sign, SIGNATURE_HEADERS } from '../../../functions/appeals/signature.ts';
import type { WorkOrder } from '../../../shared/appeals/schemas.ts';

const district = childDistrict('appeals-crash');
const start = (port: number) => district.start(port);

async function send(s: ChildStarted, order: WorkOrder): Promise<{ status: number; json: any }> {
  const body = JSON.stringify(order);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomBytes(16).toString('hex');
  const res = await fetch(`${s.url}/api/appeals/12345/work-orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [SIGNATURE_HEADERS.timestamp]: timestamp, [SIGNATURE_HEADERS.nonce]: nonce, [SIGNATURE_HEADERS.signature]: sign(s.webhookKey, timestamp, nonce, body) },
    body,
  });
  return { status: res.status, json: await res.json().catch(() => null) };
}

afterAll(() => district.dispose());

describe('a district killed during a burst of work orders', () => {
  it('keeps every work order it acknowledged, and answers the same case when one is sent again', async () => {
    const port = await freePort();
    let s: ChildStarted = await start(port);
    const seed = Date.now();
    const orders = Array.from({ length: 500 }, (_, i) => demoWorkOrder(i + 1, seed));
    const acknowledged = new Map<string, string>();
    const failures: string[] = [];
    let next = 0;
    // The platform pushes with 8 connections at once (a busy hour is far less; more only starves the other test files of a 2-core CI machine).
    const pushers = Array.from({ length: 6 }, async () => {
      while (next < orders.length) {
        const order = orders[next++]!;
        try {
          const r = await send(s, order);
          if (r.status === 200) acknowledged.set(order.orderNo, r.json.caseId);
          else failures.push(`${r.status} ${r.json?.error?.code}`);
        } catch {
          // The connection died with the process: not acknowledged, the platform would send it again.
        }
      }
    });
    await eventually(async () => acknowledged.size >= 25 || null, 120_000);
    district.kill();
    await Promise.all(pushers);
    expect(failures).toEqual([]);
    expect(acknowledged.size).toBeLessThan(500);

    s = await start(port);
    for (const [orderNo, caseId] of acknowledged) {
      const res = await fetch(`${s.url}/api/appeals/cases/${caseId}`, { headers: { authorization: `Bearer ${s.hotline}` } });
      expect(res.status, orderNo).toBe(200);
      const view = await res.json();
      expect(view.case.orderNo).toBe(orderNo);
      expect(view.timeline[0].kind).toBe('received');
    }
    // The platform sends what it has no answer for again, and a few answered ones too: each gets one case.
    const answered = [...acknowledged.keys()].slice(0, 10);
    for (const order of orders.filter((o) => answered.includes(o.orderNo) || !acknowledged.has(o.orderNo)).slice(0, 40)) {
      const r = await send(s, order);
      expect(r.status).toBe(200);
      if (acknowledged.has(order.orderNo)) expect(r.json.caseId).toBe(acknowledged.get(order.orderNo));
    }
  }, 300_000);
});
