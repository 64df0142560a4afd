// A small local 12345 platform, in the district's process: it sends signed work orders to the
// district's webhook at a chosen rate and receives the district's feedback (acceptance, returns,
// extensions, replies, closures), checking each signature. Told to fail, it answers 503 so the
// district's retries and backoff show; told to recover, the waiting feedback lands.
// http://127.0.0.1:<port>/ shows what it sent and heard, with the switches.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import * as z from 'zod/mini';
import { PlatformFeedback, type WorkOrder } from '../../shared/appeals/schemas.ts';
import { APPEAL_TYPES } from '../../shared/appeals/types.ts';
import { sign, signatureRefusal, SIGNATURE_HEADERS } from '../../functions/appeals/signature.ts';
import { DEMO_CATEGORIES } from './demo-appeals.ts';
import { demoDistrict, rng } from './demo-district.ts';

export interface PlatformState { sent: number; refused: number; failing: boolean; /** Feedback answered 503 while told to fail. */ turnedAway: number; ratePerMinute: number; feedback: PlatformFeedback[]; badSignatures: number; lastError: string | null }

export interface LocalPlatform {
  url: string;
  feedbackUrl: string;
  state: PlatformState;
  setFailing(failing: boolean): void;
  setRate(perMinute: number): void;
  /** Sends one work order now (the same one again when given). */
  send(order?: WorkOrder): Promise<{ status: number; body: unknown }>;
  stop(): Promise<void>;
}

const CONTENTS: Record<string, string[]> = {
  property: ['小区电梯停运两天，物业一直没有修。', '楼道灯坏了一个月，物业说没有经费。', '物业收费不公示，业主要求公开账目。'],
  noise: ['楼下商铺夜间营业噪音很大，影响休息。', '附近工地晚上十点以后还在施工。'],
  cityscape: ['小区门口垃圾堆放多日无人清运。', '路边占道经营，影响通行。'],
  heating: ['家里暖气不热，室温只有十四度。', '供热管道漏水，楼道结冰。'],
  municipal: ['路口井盖缺失，存在安全隐患。', '路灯不亮，夜间行人看不清。'],
  market: ['超市出售过期食品。', '理发店办卡后不退余额。'],
  other: ['咨询老年人优待证办理地点。', '建议在公园增加座椅。'],
};

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > 65_536) throw new Error('too large');
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A plausible work order from the demo district, numbered by the platform. */
export function demoWorkOrder(n: number, seed = Date.now()): WorkOrder {
  const r = rng(seed + n);
  const d = demoDistrict();
  const category = r.pick(DEMO_CATEGORIES);
  const compound = r.pick(d.compounds);
  const words = [category.name, ...category.aliases];
  return {
    schema: 'gongzhi.12345.work-order/1',
    orderNo: `QD${new Date().toISOString().slice(0, 10).replaceAll('-', '')}-${String(seed % 100_000).padStart(5, '0')}-${String(n).padStart(6, '0')}`,
    revision: 1,
    receivedAt: new Date().toISOString(),
    type: category.code === 'other' ? r.pick(['consult', 'suggestion'] as const) : r.pick(APPEAL_TYPES.filter((t) => t !== 'consult')),
    category: r.pick(words),
    content: r.pick(CONTENTS[category.code] ?? CONTENTS.other!),
    address: compound.address.replace(/^青岛市市南区/, ''),
    callerPhone: `13${r.int(0, 9)}${String(r.int(0, 99_999_999)).padStart(8, '0')}`,
    urgency: r.next() < 0.1 ? 'urgent' : 'normal',
    enterprise: category.code === 'market' && r.next() < 0.3,
  };
}

export async function startLocalPlatform(o: { districtUrl: string; key: () => Promise<string>; port?: number; ratePerMinute?: number }): Promise<LocalPlatform> {
  const state: PlatformState = { sent: 0, refused: 0, failing: false, turnedAway: 0, ratePerMinute: o.ratePerMinute ?? 0, feedback: [], badSignatures: 0, lastError: null };
  const seen = new Set<string>();
  const seed = Date.now();
  let n = 0;

  const send = async (order = demoWorkOrder(++n, seed)) => {
    const body = JSON.stringify(order);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = randomBytes(16).toString('base64url');
    const res = await fetch(`${o.districtUrl}/api/appeals/12345/work-orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SIGNATURE_HEADERS.timestamp]: timestamp, [SIGNATURE_HEADERS.nonce]: nonce, [SIGNATURE_HEADERS.signature]: sign(await o.key(), timestamp, nonce, body) },
      body,
    });
    const answer = await res.json().catch(() => null);
    if (res.ok) state.sent++;
    else {
      state.refused++;
      state.lastError = `${res.status} ${JSON.stringify(answer).slice(0, 200)}`;
    }
    return { status: res.status, body: answer };
  };

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://local');
    try {
      if (req.method === 'POST' && url.pathname === '/feedback') {
        const raw = await readBody(req);
        const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
        if (signatureRefusal(await o.key(), headers, raw, Date.now())) {
          state.badSignatures++;
          res.writeHead(401).end();
          return;
        }
        if (state.failing) {
          state.turnedAway++;
          res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":"the platform is down (told to fail)"}');
          return;
        }
        const parsed = z.safeParse(PlatformFeedback, JSON.parse(raw));
        if (!parsed.success) {
          res.writeHead(400).end();
          return;
        }
        // The platform keeps each (order, seq) once: the district may deliver one twice.
        const key = `${parsed.data.orderNo}#${parsed.data.seq}`;
        if (!seen.has(key)) {
          seen.add(key);
          state.feedback.push(parsed.data);
          if (state.feedback.length > 5000) state.feedback.shift();
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
        return;
      }
      if (req.method === 'POST' && url.pathname === '/control') {
        const body = JSON.parse((await readBody(req)) || '{}') as { failing?: boolean; ratePerMinute?: number; send?: number };
        if (typeof body.failing === 'boolean') state.failing = body.failing;
        if (typeof body.ratePerMinute === 'number') setRate(body.ratePerMinute);
        for (let i = 0; i < Math.min(body.send ?? 0, 500); i++) await send();
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(summary()));
        return;
      }
      if (req.method === 'GET' && url.pathname === '/state.json') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(summary()));
        return;
      }
      if (req.method === 'GET' && url.pathname === '/') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
        return;
      }
      res.writeHead(404).end();
    } catch (error) {
      res.writeHead(400).end(String((error as Error).message));
    }
  });
  const summary = () => ({ ...state, feedback: state.feedback.slice(-30).reverse(), feedbackCount: state.feedback.length });

  let timer: NodeJS.Timeout | null = null;
  const setRate = (perMinute: number) => {
    state.ratePerMinute = Math.max(0, Math.min(600, perMinute));
    if (timer) clearInterval(timer);
    timer = null;
    if (state.ratePerMinute > 0) {
      timer = setInterval(() => void send().catch((e) => (state.lastError = String(e))), 60_000 / state.ratePerMinute);
    }
  };
  setRate(state.ratePerMinute);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    url, feedbackUrl: `${url}/feedback`, state,
    setFailing: (f) => (state.failing = f), setRate, send,
    stop: async () => {
      if (timer) clearInterval(timer);
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

const PAGE = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>本地 12345 平台</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:1rem;max-width:60rem}button{font:inherit;margin:.2rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .4rem;font-size:13px}</style>
<h1>本地 12345 平台（演示）</h1>
<p>向本区推送签名工单，并接收本区的办理反馈。A local stand-in for the 12345 platform.</p>
<p><button data-c='{"send":1}'>推送 1 件工单</button><button data-c='{"send":20}'>推送 20 件</button>
<button data-c='{"ratePerMinute":6}'>每分钟 6 件</button><button data-c='{"ratePerMinute":0}'>停止推送</button>
<button data-c='{"failing":true}'>模拟平台故障（返回 503）</button><button data-c='{"failing":false}'>恢复</button></p>
<pre id="s"></pre><table><thead><tr><th>工单</th><th>序号</th><th>反馈</th><th>时间</th><th>单位</th></tr></thead><tbody id="f"></tbody></table>
<script>
const show=(s)=>{document.getElementById('s').textContent='已推送 '+s.sent+'，被拒 '+s.refused+'，每分钟 '+s.ratePerMinute+'，'+(s.failing?'故障中（反馈返回 503，本区会退避重试）':'正常')+'，收到反馈 '+s.feedbackCount+(s.lastError?'\\n最近错误：'+s.lastError:'');
document.getElementById('f').replaceChildren(...s.feedback.map(f=>{const tr=document.createElement('tr');for(const v of [f.orderNo,f.seq,f.kind,f.at,f.unit||'']){const td=document.createElement('td');td.textContent=v;tr.append(td)}return tr}))};
const load=()=>fetch('state.json').then(r=>r.json()).then(show);
for(const b of document.querySelectorAll('button'))b.onclick=()=>fetch('control',{method:'POST',body:b.dataset.c}).then(r=>r.json()).then(show);
load();setInterval(load,3000);
</script></html>`;
