// Key material for household codes and resident tokens, kept in its own table that only
// the access functions may read: a dump of the data table (where code hashes live) then
// does not hand out the HMAC key that would let someone test guesses offline.
// Created on first use with a conditional put, so concurrent cold starts agree on one key.
import { createHmac, randomBytes } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { exportJWK, generateKeyPair, importJWK, type JWK, type CryptoKey as JoseKey } from 'jose';
import { ddb } from '../lib/clients.ts';

export function keysTable(): string {
  const name = process.env.KEYS_TABLE_NAME;
  if (!name) throw new Error('KEYS_TABLE_NAME is not set');
  return name;
}

async function getOrCreate<T extends Record<string, unknown>>(pk: string, make: () => Promise<T>): Promise<T> {
  const Key = { pk, sk: 'v1' };
  const found = await ddb.send(new GetCommand({ TableName: keysTable(), Key, ConsistentRead: true }));
  if (found.Item) return found.Item as T;
  try {
    const item = { ...Key, ...(await make()), createdAt: new Date().toISOString() };
    await ddb.send(new PutCommand({ TableName: keysTable(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
    return item as unknown as T;
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const again = await ddb.send(new GetCommand({ TableName: keysTable(), Key, ConsistentRead: true }));
    return again.Item as T;
  }
}

let hmacKey: Promise<Buffer> | undefined;

/** Keyed hash of a normalized household code: what the table stores instead of the code. */
export async function codeHash(code: string): Promise<string> {
  hmacKey ??= getOrCreate('CODE_HMAC', async () => ({ key: randomBytes(32).toString('base64') })).then((i) => Buffer.from(String(i.key), 'base64'));
  return createHmac('sha256', await hmacKey).update(code).digest('base64url');
}

/**
 * Resident tokens are signed with RS256: API Gateway's HTTP API JWT authorizer verifies RSA
 * signatures only. Keys rotate: each key is published in the JWKS for a whole period before it
 * signs (so any cached JWKS already has it), signs for a period, and stays published for one
 * more period after (far longer than a token lives).
 */
export const RESIDENT_KEY_ALG = 'RS256';
export const RESIDENT_KEY_PERIOD_DAYS = 30;
const RESIDENT_KEYS_PK = 'RESIDENT_JWT_RS256';

export interface StoredKey { kid: string; privateJwk: JWK; publicJwk: JWK; createdAt: string; signsFrom?: string }
interface KeyRing { keys: StoredKey[]; rev: number }

export interface ResidentKeys { kid: string; alg: typeof RESIDENT_KEY_ALG; privateKey: JoseKey; publicJwk: JWK }

async function newKey(at: string): Promise<StoredKey> {
  const { privateKey, publicKey } = await generateKeyPair(RESIDENT_KEY_ALG, { extractable: true, modulusLength: 2048 });
  return { kid: randomBytes(8).toString('hex'), privateJwk: await exportJWK(privateKey), publicJwk: await exportJWK(publicKey), createdAt: at };
}

/** The pure rule: which keys a ring holds after `now` (the signing key, the next, at most one before). */
export function rotated(ring: StoredKey[], now: Date, fresh: () => Promise<StoredKey>): Promise<StoredKey[]> | null {
  const period = RESIDENT_KEY_PERIOD_DAYS * 86_400_000;
  const signing = ring.at(-2);
  if (!signing?.signsFrom || now.getTime() - Date.parse(signing.signsFrom) < period) return null;
  return (async () => {
    const next = { ...ring.at(-1)!, signsFrom: now.toISOString() };
    return [signing, next, await fresh()];
  })();
}

let ringCache: { ring: Promise<KeyRing>; at: number } | undefined;
const RING_TTL_MS = 5 * 60_000;

async function loadRing(): Promise<KeyRing> {
  const Key = { pk: RESIDENT_KEYS_PK, sk: 'v1' };
  const now = new Date();
  let found = (await ddb.send(new GetCommand({ TableName: keysTable(), Key, ConsistentRead: true }))).Item as KeyRing | undefined;
  if (!found) {
    const at = now.toISOString();
    const first: KeyRing = { keys: [{ ...(await newKey(at)), signsFrom: at }, await newKey(at)], rev: 1 };
    try {
      await ddb.send(new PutCommand({ TableName: keysTable(), Item: { ...Key, ...first }, ConditionExpression: 'attribute_not_exists(pk)' }));
      return first;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      found = (await ddb.send(new GetCommand({ TableName: keysTable(), Key, ConsistentRead: true }))).Item as KeyRing;
    }
  }
  const next = rotated(found.keys, now, () => newKey(now.toISOString()));
  if (!next) return found;
  const ring: KeyRing = { keys: await next, rev: found.rev + 1 };
  try {
    await ddb.send(new PutCommand({ TableName: keysTable(), Item: { ...Key, ...ring }, ConditionExpression: 'rev = :rev', ExpressionAttributeValues: { ':rev': found.rev } }));
    return ring;
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    // Another instance rotated at the same moment: take its ring.
    return (await ddb.send(new GetCommand({ TableName: keysTable(), Key, ConsistentRead: true }))).Item as KeyRing;
  }
}

function ring(): Promise<KeyRing> {
  if (!ringCache || Date.now() - ringCache.at > RING_TTL_MS) {
    const loading = loadRing();
    ringCache = { ring: loading, at: Date.now() };
    loading.catch(() => (ringCache = undefined));
  }
  return ringCache.ring;
}

const publicOf = (k: StoredKey): JWK => {
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...pub } = k.publicJwk as JWK & Record<string, unknown>;
  return { ...pub, kid: k.kid, alg: RESIDENT_KEY_ALG, use: 'sig' };
};

/** The key that signs resident tokens now. */
export async function residentSigningKeys(): Promise<ResidentKeys> {
  const { keys } = await ring();
  const signing = keys.at(-2)!;
  return { kid: signing.kid, alg: RESIDENT_KEY_ALG, privateKey: (await importJWK(signing.privateJwk, RESIDENT_KEY_ALG)) as JoseKey, publicJwk: publicOf(signing) };
}

/** Every key a valid token may carry: the previous, the signing and the next one (public halves only). */
export async function residentPublicKeys(): Promise<JWK[]> {
  return (await ring()).keys.map(publicOf);
}

export { RESIDENT_AUDIENCE } from '../../shared/codes.ts';

export function residentIssuer(): string {
  const issuer = process.env.RESIDENT_ISSUER;
  if (!issuer) throw new Error('RESIDENT_ISSUER is not set');
  return issuer;
}
