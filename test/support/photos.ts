// Photos as a page sends them: a few real bytes of each kind (what the handlers sniff), and the
// signed form's fields with the file as multipart/form-data to the bucket's local origin.
import { expect } from 'vitest';
import { call } from './district.ts';
import type { LocalDistrict } from '../../infra/local/district.ts';

export const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1]), Buffer.alloc(2000, 7), Buffer.from([0xff, 0xd9])]);
export const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(500, 1)]);

export type UploadForm = { url: string; fields: Record<string, string> };

/** What the page does with one form: the signed fields, then the file. */
export async function sendForm(form: UploadForm, bytes: Buffer, type: string) {
  const data = new FormData();
  for (const [k, v] of Object.entries(form.fields)) data.append(k, v);
  data.append('file', new Blob([new Uint8Array(bytes)], { type }), 'photo');
  const res = await fetch(form.url, { method: 'POST', body: data });
  return { status: res.status, text: await res.text() };
}

export async function uploadForm(form: UploadForm, bytes: Buffer, type: string) {
  const res = await sendForm(form, bytes, type);
  expect(res.status, res.text).toBeLessThan(300);
}

/** A staff member's upload forms for evidence photos (POST /api/photos/uploads). */
export async function staffForms(district: LocalDistrict, token: string, idempotencyKey: string, types: string[]): Promise<UploadForm[]> {
  const res = await call(district, 'POST', '/api/photos/uploads', { token, body: { idempotencyKey, types } });
  expect(res.status, res.text).toBe(200);
  return res.json.uploads;
}
