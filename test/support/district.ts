import { request as httpRequest } from 'node:http';
import { randomBytes } from 'node:crypto';
import { startLocalDistrict, type DistrictOptions, type LocalDistrict } from '../../infra/local/district.ts';
import { fileDynamoEndpoint } from './dynamo.ts';

/** A local district on the file's DynamoDB Local with its own table and queues. */
export async function testDistrict(options: Omit<DistrictOptions, 'dynamoEndpoint' | 'prefix'> = {}): Promise<LocalDistrict> {
  const district = await startLocalDistrict({
    dynamoEndpoint: await fileDynamoEndpoint(),
    prefix: `t${randomBytes(4).toString('hex')}`,
    seed: 'structure',
    schedules: false,
    // Background failures (relay, pollers) are printed so a failing test shows its cause.
    onError: (e) => console.error('[district]', e),
    ...options,
  });
  return district;
}

export async function call(district: LocalDistrict, method: string, path: string, options: { token?: string; body?: unknown; rawBody?: string; contentType?: string; lang?: string } = {}) {
  const headers: Record<string, string> = {};
  if (options.lang) headers['accept-language'] = options.lang;
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (body !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
  const res = await fetch(district.url + path, { method, headers, body });
  const text = await res.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* CSV or empty */
  }
  return { status: res.status, json, text, headers: res.headers };
}

export async function eventually<T>(fn: () => Promise<T | undefined | null | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A request from another loopback address (127.0.0.0/8), as another client would be. */
export function callFrom(district: LocalDistrict, localAddress: string, method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; json: any; text: string }> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const url = new URL(district.url + path);
  return new Promise((resolve, reject) => {
    const req = httpRequest({
      host: url.hostname, port: url.port, path: url.pathname + url.search, method, localAddress,
      headers: { ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => {
        let json: any = null;
        try { json = JSON.parse(text); } catch { /* not JSON */ }
        resolve({ status: res.statusCode ?? 0, json, text });
      });
    });
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}
