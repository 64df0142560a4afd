import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { startLocalDistrict, type DistrictOptions, type LocalDistrict } from '../../infra/local/district.ts';

/** A local district on the shared DynamoDB Local with its own table and queues. */
export async function testDistrict(options: Omit<DistrictOptions, 'dynamoEndpoint' | 'prefix'> = {}): Promise<LocalDistrict> {
  const district = await startLocalDistrict({
    dynamoEndpoint: inject('dynamoEndpoint'),
    prefix: `t${randomBytes(4).toString('hex')}`,
    seed: 'structure',
    // Background failures (relay, pollers) are printed so a failing test shows its cause.
    onError: (e) => console.error('[district]', e),
    ...options,
  });
  return district;
}

export async function call(district: LocalDistrict, method: string, path: string, options: { token?: string; body?: unknown; rawBody?: string; contentType?: string } = {}) {
  const headers: Record<string, string> = {};
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
