// Photos in the district's photo bucket: a resident's appeal photos, and the evidence staff attach
// to a joint project's milestone or a 微心愿 case. A page uploads straight to the bucket with
// presigned POST forms (size and type bound in the signed policy); the record that takes them
// checks them here (present, within the size, and the bytes are the image type the form
// declared), copies them under itself, and shows them to those who may read it through
// short-lived links. Uploads land under a folder derived with the district's keyed hash from a
// seed only the uploader's own request knows (the appeal page's idempotency key; a staff
// member's subject and key), so a record can only take the photos its own page uploaded; what
// nothing takes is removed by the bucket's lifecycle after a day.
//
// The S3 client takes its endpoint from AWS_ENDPOINT_URL_S3 (the local district's fauxqs); the
// local host serves the bucket under its own origin (PHOTO_PUBLIC_BASE), so pages need no CORS.
import { CopyObjectCommand, GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { BadRequest } from '../../shared/errors.ts';
import { MAX_EVIDENCE_PHOTOS, MAX_PHOTO_BYTES, MAX_PHOTOS, PHOTO_TYPES, type PhotoType } from '../../shared/photos.ts';
import { codeHash } from '../auth/secrets.ts';

const s3 = new S3Client({ forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3) });
const UPLOAD_SECONDS = 15 * 60;
const VIEW_SECONDS = 10 * 60;

export interface Photo { key: string; type: PhotoType; bytes: number }
/** An upload as it was checked: the copy must be of these very bytes (its ETag). */
export interface CheckedPhoto extends Photo { from: string; etag: string }

function bucket(): string {
  const name = process.env.PHOTO_BUCKET;
  if (!name) throw new Error('PHOTO_BUCKET is not set');
  return name;
}

/** A URL the page can reach: locally the host's own path in front of the emulator. */
function reachable(url: string): string {
  const base = process.env.PHOTO_PUBLIC_BASE;
  const endpoint = process.env.AWS_ENDPOINT_URL_S3;
  return base && endpoint && url.startsWith(endpoint) ? base + url.slice(endpoint.replace(/\/$/, '').length) : url;
}

/** Where kept photos live: an appeal's under cases/, staff evidence under evidence/ (each its own grant). */
export type PhotoShelf = 'cases' | 'evidence';

/** The seed of an appeal page's uploads, and of a staff member's (bound to who uploads). */
export const appealSeed = (idempotencyKey: string) => `appeal-photos:${idempotencyKey}`;
export const staffSeed = (sub: string, idempotencyKey: string) => `staff-photos:${sub}:${idempotencyKey}`;

async function folderOf(seed: string): Promise<string> {
  return `incoming/${(await codeHash(seed)).slice(0, 32)}`;
}

/** One presigned POST form per photo the page is about to send. */
export async function uploadForms(seed: string, types: readonly PhotoType[]) {
  const folder = await folderOf(seed);
  const uploads = await Promise.all(types.map(async (type, i) => {
    const post = await createPresignedPost(s3, {
      Bucket: bucket(), Key: `${folder}/${i}`, Expires: UPLOAD_SECONDS,
      Conditions: [['content-length-range', 1, MAX_PHOTO_BYTES], ['eq', '$Content-Type', type]],
      Fields: { 'Content-Type': type },
    });
    return { url: reachable(post.url), fields: post.fields };
  }));
  return { uploads, maxBytes: MAX_PHOTO_BYTES, expiresAt: new Date(Date.now() + UPLOAD_SECONDS * 1000).toISOString() };
}

type S3Failure = { name?: string; $metadata?: { httpStatusCode?: number } };
/** The object is no longer the one an If-Match named (it was sent again meanwhile). */
const preconditionFailed = (e: S3Failure) => e.name === 'PreconditionFailed' || e.$metadata?.httpStatusCode === 412;

const sniff = (head: Uint8Array): PhotoType | null => {
  const b = (i: number) => head[i] ?? -1;
  if (b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return 'image/jpeg';
  if (b(0) === 0x89 && b(1) === 0x50 && b(2) === 0x4e && b(3) === 0x47) return 'image/png';
  if (String.fromCharCode(...head.slice(0, 4)) === 'RIFF' && String.fromCharCode(...head.slice(8, 12)) === 'WEBP') return 'image/webp';
  return null;
};

/** The photos this page uploaded, each checked; a refusal names the photo and says why. */
export async function checkedPhotos(seed: string, count: number, max = MAX_PHOTOS): Promise<CheckedPhoto[]> {
  if (count === 0) return [];
  const folder = await folderOf(seed);
  const out: CheckedPhoto[] = [];
  for (let i = 0; i < Math.min(count, max); i++) {
    const key = `${folder}/${i}`;
    const path = `body.photos`;
    const refuse = (reason: string): never => {
      throw new BadRequest('A photo cannot be taken', [{ path, reason: `photo ${i + 1}: ${reason}` }]);
    };
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket(), Key: key })).catch((e: { name?: string; $metadata?: { httpStatusCode?: number } }) => {
      if (e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404) return refuse('not uploaded; send it again');
      throw e;
    });
    const bytes = head.ContentLength ?? 0;
    if (bytes < 1) refuse('empty; send it again');
    if (bytes > MAX_PHOTO_BYTES) refuse(`larger than ${MAX_PHOTO_BYTES / 1_048_576} MB`);
    const declared = head.ContentType as PhotoType;
    if (!PHOTO_TYPES.includes(declared)) refuse('not a JPEG, PNG or WebP image');
    // The bytes read are of the object the size was read from (the form is still valid: it could
    // have been sent again meanwhile); the copy then takes only that object (keepPhotos).
    const first = await s3.send(new GetObjectCommand({ Bucket: bucket(), Key: key, Range: 'bytes=0-11', IfMatch: head.ETag })).catch((e: S3Failure) => {
      if (preconditionFailed(e)) return refuse('changed after it was checked; send it again');
      throw e;
    });
    if (first.ETag !== head.ETag) refuse('changed after it was checked; send it again');
    const found = sniff(await first.Body!.transformToByteArray());
    if (found !== declared) refuse('not a JPEG, PNG or WebP image');
    out.push({ key, type: declared, bytes, from: key, etag: head.ETag ?? '' });
  }
  return out;
}

/** Copies checked photos under their record (the uploads expire; these stay with the record). */
// The upload form stays valid for fifteen minutes, so the uploader could send other bytes to the
// same key between the check and the copy: S3 copies only the checked object (CopySourceIfMatch),
// and the copy's ETag is compared too (the local emulator ignores the condition).
export async function keepPhotos(photos: readonly CheckedPhoto[], shelf: PhotoShelf, under: string): Promise<Photo[]> {
  return Promise.all(photos.map(async (p, i) => {
    const key = `${shelf}/${under}/${i}`;
    const copied = await s3.send(new CopyObjectCommand({ Bucket: bucket(), Key: key, CopySource: `${bucket()}/${p.from}`, CopySourceIfMatch: p.etag, MetadataDirective: 'COPY' })).catch((e: S3Failure) => {
      if (preconditionFailed(e)) return null;
      throw e;
    });
    if (!copied || copied.CopyObjectResult?.ETag !== p.etag) {
      throw new BadRequest('A photo cannot be taken', [{ path: 'body.photos', reason: `photo ${i + 1}: changed after it was checked; send it again` }]);
    }
    return { key, type: p.type, bytes: p.bytes };
  }));
}

/** Links for those who may read the record, valid for ten minutes. */
export async function photoLinks(photos: readonly Photo[] | undefined): Promise<{ url: string; type: string; bytes: number }[]> {
  return Promise.all((photos ?? []).map(async (p) => ({
    url: reachable(await getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket(), Key: p.key, ResponseContentType: p.type }), { expiresIn: VIEW_SECONDS })),
    type: p.type, bytes: p.bytes,
  })));
}

/**
 * The photos a staff member uploaded for one record: checked now (before anything is written),
 * kept under the record once its own checks pass (the store calls the keeper with its key).
 */
export async function staffPhotos(sub: string, body: { photoKey?: string | undefined; photos: number }): Promise<(under: string) => Promise<Photo[]>> {
  if (body.photos === 0) return async () => [];
  if (!body.photoKey) throw new BadRequest('Photos need the key they were uploaded with', [{ path: 'body.photoKey', reason: 'required when photos are sent' }]);
  const checked = await checkedPhotos(staffSeed(sub, body.photoKey), body.photos, MAX_EVIDENCE_PHOTOS);
  return (under) => keepPhotos(checked, 'evidence', under);
}
