// The photo bucket's rules, applied where S3 would apply them. fauxqs stores what it is given
// (it checks no POST policy and no signature), and the local host serves it under the pages'
// own origin: without this gate a page could list the bucket, fetch a photo without a link, or
// upload HTML under any key. So an upload form is checked as S3 checks it (the policy's
// signature, its expiry, every condition, every field covered), a read needs a valid,
// unexpired presigned link for one object, and nothing else passes.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './dynamodb.ts';

export type Refusal = { status: number; code: string; message: string };

const refuse = (status: number, code: string, message: string): Refusal => ({ status, code, message });
export const refusalXml = (r: Refusal) => `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${r.code}</Code><Message>${r.message}</Message></Error>`;

const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();
const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * An upload form as S3 takes a POST: the body to hand on when it may pass (made here from the
 * checked fields and the one file, so fauxqs, which reads a form its own way, stores exactly what
 * was checked), else why not.
 */
export async function gateUpload(body: Uint8Array, contentType: string, bucket: string, now = Date.now()): Promise<{ refused: Refusal } | { forward: FormData }> {
  let form: FormData;
  try {
    form = await new Response(new Blob([body as Uint8Array<ArrayBuffer>]), { headers: { 'content-type': contentType } }).formData();
  } catch {
    return { refused: refuse(400, 'MalformedPOSTRequest', 'The body of your POST request is not well-formed multipart/form-data.') };
  }
  // One value a name, whatever its case, and one file, named file: no two readings of one form.
  const names = new Set<string>();
  let problem: Refusal | null = null;
  form.forEach((value, name) => {
    const lower = name.toLowerCase();
    if (names.has(lower)) problem ??= refuse(400, 'InvalidArgument', `The field ${name} is given twice`);
    names.add(lower);
    if (typeof value !== 'string' && lower !== 'file') problem ??= refuse(400, 'InvalidArgument', `Only the part named file may hold a file, not ${name}`);
  });
  if (problem) return { refused: problem };
  const refused = await checkUpload(body, contentType, bucket, now);
  if (refused) return { refused };
  const forward = new FormData();
  const CANONICAL: Record<string, string> = { key: 'key', 'content-type': 'Content-Type', policy: 'Policy', 'x-amz-algorithm': 'X-Amz-Algorithm', 'x-amz-credential': 'X-Amz-Credential', 'x-amz-date': 'X-Amz-Date', 'x-amz-signature': 'X-Amz-Signature', 'x-amz-security-token': 'X-Amz-Security-Token' };
  let file: Blob | null = null;
  form.forEach((value, name) => {
    const lower = name.toLowerCase();
    if (lower === 'file') file = value as Blob;
    else if (CANONICAL[lower]) forward.append(CANONICAL[lower]!, value as string);
  });
  forward.append('file', file!, 'file');
  return { forward };
}

/** An upload form as S3 takes a POST: null when it may pass, else why not. */
export async function checkUpload(body: Uint8Array, contentType: string, bucket: string, now = Date.now()): Promise<Refusal | null> {
  let form: FormData;
  try {
    form = await new Response(new Blob([body as Uint8Array<ArrayBuffer>]), { headers: { 'content-type': contentType } }).formData();
  } catch {
    return refuse(400, 'MalformedPOSTRequest', 'The body of your POST request is not well-formed multipart/form-data.');
  }
  const fields = new Map<string, string>();
  let file = null as Blob | null;
  form.forEach((value, name) => {
    if (name.toLowerCase() === 'file') file = value as Blob;
    else if (typeof value === 'string') fields.set(name.toLowerCase(), value);
  });
  const policy64 = fields.get('policy');
  const signature = fields.get('x-amz-signature');
  const credential = fields.get('x-amz-credential');
  if (!policy64 || !signature || !credential || !file) return refuse(403, 'AccessDenied', 'Policy, signature, credential and file are required');
  const [accessKey, date, region, service] = credential.split('/');
  if (accessKey !== LOCAL_CREDENTIALS.accessKeyId || region !== LOCAL_REGION || service !== 's3' || !date) return refuse(403, 'InvalidAccessKeyId', 'Unknown credential');
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${LOCAL_CREDENTIALS.secretAccessKey}`, date), region), 's3'), 'aws4_request');
  if (!same(hmac(signingKey, policy64).toString('hex'), signature)) return refuse(403, 'SignatureDoesNotMatch', 'The policy signature does not match');
  let policy: { expiration?: string; conditions?: unknown[] };
  try {
    policy = JSON.parse(Buffer.from(policy64, 'base64').toString('utf8'));
  } catch {
    return refuse(400, 'InvalidPolicyDocument', 'The policy is not JSON');
  }
  if (!policy.expiration || !(Date.parse(policy.expiration) > now)) return refuse(403, 'AccessDenied', 'Invalid according to Policy: Policy expired.');
  const covered = new Set(['policy', 'x-amz-signature', 'file']);
  const value = (name: string) => (name.toLowerCase() === 'bucket' ? bucket : fields.get(name.toLowerCase()));
  for (const c of policy.conditions ?? []) {
    if (Array.isArray(c) && c[0] === 'content-length-range') {
      if (file.size < Number(c[1]) || file.size > Number(c[2])) return refuse(400, file.size > Number(c[2]) ? 'EntityTooLarge' : 'EntityTooSmall', 'Your proposed upload is outside the policy\'s size');
      continue;
    }
    const [op, field, expected] = Array.isArray(c) ? [String(c[0]), String(c[1]).replace(/^\$/, ''), String(c[2])] : ['eq', Object.keys(c as object)[0]!, String(Object.values(c as object)[0])];
    const given = value(field);
    covered.add(field.toLowerCase());
    if (given === undefined || (op === 'eq' ? given !== expected : op === 'starts-with' ? !given.startsWith(expected) : true)) {
      return refuse(403, 'AccessDenied', `Invalid according to Policy: Policy Condition failed: ["${op}", "$${field}", "${expected}"]`);
    }
  }
  for (const name of fields.keys()) {
    if (!covered.has(name) && !name.startsWith('x-ignore-')) return refuse(403, 'AccessDenied', `Invalid according to Policy: Extra input fields: ${name}`);
  }
  return null;
}

let signer: S3Client | undefined;

/** A read as S3 serves one through a presigned link: one object, a valid signature, not expired. */
export async function checkRead(url: URL, endpoint: string, now = Date.now()): Promise<Refusal | null> {
  const [bucket, ...rest] = url.pathname.replace(/^\/+/, '').split('/');
  let key: string;
  try {
    key = rest.map(decodeURIComponent).join('/');
  } catch {
    return refuse(400, 'InvalidURI', 'Couldn\'t parse the specified URI.');
  }
  if (!bucket || !key) return refuse(403, 'AccessDenied', 'Listing is not allowed');
  const q = url.searchParams;
  const signature = q.get('X-Amz-Signature');
  const at = q.get('X-Amz-Date');
  const expires = Number(q.get('X-Amz-Expires'));
  if (!signature || !at || !(expires > 0)) return refuse(403, 'AccessDenied', 'A signed link is required');
  // S3 signs links for a week at most.
  if (!Number.isInteger(expires) || expires > 604_800) return refuse(400, 'AuthorizationQueryParametersError', 'X-Amz-Expires must be less than a week (in seconds)');
  const signedAt = Date.parse(at.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'));
  if (!(signedAt + expires * 1000 > now)) return refuse(403, 'AccessDenied', 'Request has expired');
  signer ??= new S3Client({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, forcePathStyle: true });
  const responseType = q.get('response-content-type');
  const again = new URL(await getSignedUrl(signer, new GetObjectCommand({ Bucket: bucket, Key: key, ...(responseType ? { ResponseContentType: responseType } : {}) }), { expiresIn: expires, signingDate: new Date(signedAt) }));
  return same(again.searchParams.get('X-Amz-Signature') ?? '', signature) ? null : refuse(403, 'SignatureDoesNotMatch', 'The link\'s signature does not match');
}
