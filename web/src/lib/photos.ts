// Photos from a phone to the district's photo bucket: redrawn small first (a slow network, and
// the camera's EXIF with the place it was taken is dropped), then each posted with the signed
// form the API handed out. Used by the resident's appeal page and by staff evidence forms.
import { MAX_PHOTO_BYTES, type PhotoType } from '../../../shared/photos.ts';
import { api } from './api.ts';

/** A phone's photo redrawn at most 1600 px as JPEG: a few hundred KB instead of several MB, and no EXIF (GPS). */
export async function shrink(file: File): Promise<Blob> {
  try {
    const image = await createImageBitmap(file);
    const scale = Math.min(1, 1600 / Math.max(image.width, image.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(image.width * scale);
    canvas.height = Math.round(image.height * scale);
    canvas.getContext('2d')!.drawImage(image, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((r) => canvas.toBlob(r, 'image/jpeg', 0.8));
    // Redrawn, the photo loses what the camera wrote into it (the place it was taken): sent so even when larger.
    if (blob && blob.size <= MAX_PHOTO_BYTES) return blob;
  } catch {
    /* not decodable here: sent as it is */
  }
  return file;
}

export type PhotoFailure = 'big' | 'upload';

/**
 * Shrinks the files, asks `formsPath` for one signed form each under `key`, and posts them.
 * Throws a PhotoFailure for the page to word; an API refusal comes through as it is.
 */
export async function sendPhotos(files: readonly File[], formsPath: string, key: string, progress: (n: number, total: number) => void = () => {}, token?: string | null): Promise<void> {
  if (!files.length) return;
  const blobs = await Promise.all(files.map((f) => shrink(f)));
  if (blobs.some((b) => b.size > MAX_PHOTO_BYTES)) throw Object.assign(new Error('big'), { photo: 'big' as PhotoFailure });
  const { uploads } = await api<{ uploads: { url: string; fields: Record<string, string> }[] }>(formsPath, { method: 'POST', body: { idempotencyKey: key, types: blobs.map((b) => b.type as PhotoType) }, ...(token === undefined ? {} : { token }) });
  for (const [i, form] of uploads.entries()) {
    progress(i + 1, uploads.length);
    const data = new FormData();
    for (const [k, v] of Object.entries(form.fields)) data.append(k, v);
    data.append('file', blobs[i]!);
    const res = await fetch(form.url, { method: 'POST', body: data }).catch(() => null);
    if (!res || !res.ok) throw Object.assign(new Error('upload'), { photo: 'upload' as PhotoFailure });
  }
}

/** A fresh key for one send (the folder its uploads land in). */
export const photoKey = () => [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');

/** Which failure, if the error is one of ours. */
export const photoFailure = (e: unknown): PhotoFailure | null => (e as { photo?: PhotoFailure }).photo ?? null;
