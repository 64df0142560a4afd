// A resident's one write (a rating, a vote): sent with the draft's idempotency key and sent
// again with the same key after a network error or a server hiccup, with growing pauses, so
// a flaky network never makes two records and a retry after success gets the same receipt.
import { api, ApiError } from '../lib/api.ts';
import { i18n } from '../lib/i18n.svelte.ts';

export type Sent<T> = { ok: true; value: T } | { ok: false; error: ApiError } | { ok: false; offline: true };

export async function sendWithRetry<T>(path: string, body: unknown, token: string, onRetry: (attempt: number) => void, attempts = 5): Promise<Sent<T>> {
  for (let attempt = 1; ; attempt++) {
    try {
      return { ok: true, value: await api<T>(path, { method: 'PUT', body, token }) };
    } catch (e) {
      // An answer about the request itself (refused, conflict, expired) is final.
      if (e instanceof ApiError && e.status < 500 && e.status !== 429) return { ok: false, error: e };
      if (attempt >= attempts) return { ok: false, offline: true };
      onRetry(attempt);
      await new Promise((r) => setTimeout(r, 600 * 2 ** (attempt - 1)));
    }
  }
}

/** A new draft's idempotency key: 128 random bits. */
export const newDraftKey = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

/** A time as residents read it, in the page's language. */
export const whenText = (iso: string) => new Date(iso).toLocaleString(i18n.lang === 'zh' ? 'zh-CN' : 'en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Shanghai' });
