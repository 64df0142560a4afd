// Calls to the API on the same origin. Errors come back in the one stable shape.
import type { ErrorBody } from '../../../shared/errors.ts';

export class ApiError extends Error {
  constructor(readonly status: number, readonly body: ErrorBody['error'] | null) {
    super(body?.message ?? `HTTP ${status}`);
  }
}

/** The signed-in staff member as the API sees them (GET /api/staff/me). */
export interface Me { sub: string; name: string; role: string; scopeId: string }

let token: string | null = sessionStorage.getItem('token');
let me: Me | null = JSON.parse(sessionStorage.getItem('me') ?? 'null');
export const session = {
  get token() { return token; },
  get me() { return me; },
  set(t: string | null, who: Me | null = null) {
    token = t;
    me = t ? who : null;
    if (t) sessionStorage.setItem('token', t);
    else sessionStorage.removeItem('token');
    if (me) sessionStorage.setItem('me', JSON.stringify(me));
    else sessionStorage.removeItem('me');
  },
};

export async function api<T>(path: string, init: { method?: string; body?: unknown; token?: string | null } = {}): Promise<T> {
  const headers: Record<string, string> = {};
  const bearer = init.token === undefined ? token : init.token;
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  // Refusals come back in the page's language, with times in Beijing time.
  headers['accept-language'] = document.documentElement.lang.startsWith('zh') ? 'zh-CN' : 'en';
  const res = await fetch(path, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON */
  }
  if (!res.ok) throw new ApiError(res.status, (json as ErrorBody | null)?.error ?? null);
  return json as T;
}

export function areaText(hundredths: number): string {
  return (hundredths / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** Saves a file the API answers (a CSV) under this name; false when the API refused it. */
export async function download(path: string, fileName: string): Promise<boolean> {
  const res = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!res.ok) return false;
  const url = URL.createObjectURL(await res.blob());
  Object.assign(document.createElement('a'), { href: url, download: fileName }).click();
  URL.revokeObjectURL(url);
  return true;
}
