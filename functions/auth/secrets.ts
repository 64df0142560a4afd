// Key material for household codes and resident tokens, kept in its own table that only
// the access functions may read: a dump of the data table (where code hashes live) then
// does not hand out the HMAC key that would let someone test guesses offline.
// Created on first use with a conditional put, so concurrent cold starts agree on one key.
import { createHmac, randomBytes } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { exportJWK, generateKeyPair, importJWK, type JWK, type CryptoKey as JoseKey } from 'jose';
import { ddb } from '../lib/clients.ts';

function keysTable(): string {
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

export interface ResidentKeys { kid: string; privateKey: JoseKey; publicJwk: JWK }
let residentKeys: Promise<ResidentKeys> | undefined;

/** The ES256 key pair that signs resident tokens; its public half is served as JWKS. */
export function residentSigningKeys(): Promise<ResidentKeys> {
  residentKeys ??= (async () => {
    const item = await getOrCreate('RESIDENT_JWT', async () => {
      const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
      return { kid: randomBytes(8).toString('hex'), privateJwk: await exportJWK(privateKey), publicJwk: await exportJWK(publicKey) };
    });
    const kid = String(item.kid);
    return { kid, privateKey: (await importJWK(item.privateJwk as JWK, 'ES256')) as JoseKey, publicJwk: { ...(item.publicJwk as JWK), kid, alg: 'ES256', use: 'sig' } };
  })();
  residentKeys.catch(() => (residentKeys = undefined));
  return residentKeys;
}

export { RESIDENT_AUDIENCE } from '../../shared/codes.ts';

export function residentIssuer(): string {
  const issuer = process.env.RESIDENT_ISSUER;
  if (!issuer) throw new Error('RESIDENT_ISSUER is not set');
  return issuer;
}
