// The whole district on one machine: DynamoDB Local, the SQS emulator, the stream relay, one
// poller per manifest queue and the local API host, all from the same manifest and table
// description the CDK stack uses. `npm start`, the integration tests, the e2e tests and the
// benchmarks all start it through this one function.
import { VoteRules } from '../../shared/votes/rules.ts';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../paths.ts';
import type { Server, IncomingMessage, ServerResponse } from 'node:http';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { allQueues, allRoutes, streamRelay } from '../../functions/manifest.ts';
import { tableNameFor } from '../table.ts';
import { districtNamed } from '../districts/index.ts';
import { ensureTable, startDynamo, LOCAL_CREDENTIALS, LOCAL_REGION, type LocalDynamo } from './dynamodb.ts';
import { pollQueue, startQueues, type LocalQueues, type SqsHandler } from './queues.ts';
import { pollStream, type StreamHandler } from './stream-poller.ts';
import { createHost } from './http-host.ts';
import { localAuth, type LocalAuth } from './auth.ts';
import { demoUsers, seedDemo } from './seed.ts';
import { demoDistrict } from './demo-district.ts';
import { assertPortFree, freePort } from './ports.ts';


export interface DistrictOptions {
  district?: string;
  /** HTTP port; 0 picks a free one. */
  port?: number;
  /** Folder for data that survives restarts; null keeps everything in memory. */
  dataDir?: string | null;
  /** Use a running DynamoDB Local instead of starting one (tests share one). */
  dynamoEndpoint?: string;
  /** Prefix for the table and queues, so several districts can share one DynamoDB Local. */
  prefix?: string;
  seed?: 'demo' | 'structure' | 'none';
  /** Run the stream relay (default). Tests turn it off to show that events wait in the table. */
  relay?: boolean;
  onError?: (e: unknown) => void;
  /** Overrides of the district's vote rules (tests vote today on a ballot announced today). */
  voteRules?: Partial<VoteRules>;
}

export interface LocalDistrict {
  url: string;
  tableName: string;
  doc: DynamoDBDocumentClient;
  queues: Pick<LocalQueues, 'client' | 'urls' | 'dlqUrls'>;
  auth: LocalAuth;
  dynamoEndpoint: string;
  streamArn: string;
  stop(): Promise<void>;
}

export async function startLocalDistrict(o: DistrictOptions = {}): Promise<LocalDistrict> {
  const config = districtNamed(o.district ?? 'shinan');
  const prefix = o.prefix ?? `gongzhi-${config.id}`;
  const tableName = o.prefix ? `${o.prefix}-table` : tableNameFor(config.id);
  const onError = o.onError ?? ((e: unknown) => console.error('[local]', e instanceof Error ? e.message : e));
  const dataDir = o.dataDir ?? null;
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(onError);
  };
  try {
    if (o.port) await assertPortFree(o.port, 'web and API');
    let dynamo: LocalDynamo | null = null;
    const dynamoEndpoint = o.dynamoEndpoint ?? (dynamo = await startDynamo(await freePort(), dataDir ? join(dataDir, 'dynamodb') : null)).endpoint;
    if (dynamo) stops.push(dynamo.stop);
    const client = new DynamoDBClient({ endpoint: dynamoEndpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    const streamArn = await ensureTable(client, tableName);
    const keysTableName = `${tableName}-keys`;
    await ensureTable(client, keysTableName, { stream: false });

    const queues = await startQueues(0, allQueues, prefix, dataDir ? join(dataDir, 'sqs') : null);
    stops.push(queues.stop);

    // What the stack sets on every function, so handler modules read the same variables.
    Object.assign(process.env, {
      TABLE_NAME: tableName,
      KEYS_TABLE_NAME: keysTableName,
      QUEUE_URLS: JSON.stringify(queues.urls),
      DISTRICT_NAME: config.name,
      VOTE_RULES: JSON.stringify(VoteRules.parse({ ...config.votes, ...o.voteRules })),
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: dynamoEndpoint,
      AWS_ENDPOINT_URL_SQS: queues.endpoint,
    });

    const load = <T>(module: string) => async () => (await import(pathToFileURL(join(ROOT, 'functions', `${module}.ts`)).href)).handler as T;
    if (o.relay !== false) {
      const relay = pollStream({
        endpoint: dynamoEndpoint, streamArn, batchSize: streamRelay.batchSize, retryAttempts: streamRelay.retryAttempts,
        checkpointFile: dataDir ? join(dataDir, `stream-checkpoint-${tableName}.json`) : null, load: load<StreamHandler>(streamRelay.handler), onError,
      });
      stops.push(relay.stop);
    }
    for (const def of allQueues) {
      const poller = pollQueue(queues.client, queues.urls[def.name]!, def, load<SqsHandler>(def.consumer), onError);
      stops.push(poller.stop);
    }

    const users = demoUsers(demoDistrict());
    const auth = await localAuth(dataDir ? join(dataDir, 'local-signing-key.json') : null, users);
    const verifyResident = await residentVerifier();
    const server: Server = createHost({
      routes: allRoutes, functionsDir: join(ROOT, 'functions'), webDir: join(ROOT, 'web', 'dist'), onError,
      verify: async (kind, token) => ((kind === 'staff' ? await auth.verify(token) : await verifyResident(token)) as Record<string, unknown> | null),
      localApi: (req, res, url) => localApi(auth, req, res, url),
    });
    await new Promise<void>((resolveListen, reject) => {
      server.once('error', reject);
      server.listen(o.port ?? 0, '127.0.0.1', () => resolveListen());
    });
    stops.push(() => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    // Where resident tokens say they come from; the resident authorizer checks it.
    process.env.RESIDENT_ISSUER = `${url}/api/auth/resident`;

    const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
    if (o.seed !== 'none') await seedDemo(doc, tableName, { registers: o.seed !== 'structure' });
    return { url, tableName, doc, queues, auth, dynamoEndpoint, streamArn, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * What API Gateway's resident JWT authorizer does, the way it does it: read the issuer's
 * discovery document over HTTP, take its jwks_uri, verify RSA signatures only (the HTTP API
 * authorizer takes no others), the issuer, the audience, and an exp.
 */
async function residentVerifier() {
  const { RESIDENT_AUDIENCE } = await import('../../functions/auth/secrets.ts');
  let keySet: { issuer: string; jwks: ReturnType<typeof createRemoteJWKSet> } | undefined;
  const jwksOf = async (issuer: string) => {
    if (keySet?.issuer !== issuer) {
      const discovery = await fetch(`${issuer}/.well-known/openid-configuration`).then((r) => r.json() as Promise<{ issuer: string; jwks_uri: string }>);
      if (discovery.issuer !== issuer) throw new Error(`discovery document names issuer ${discovery.issuer}, not ${issuer}`);
      keySet = { issuer, jwks: createRemoteJWKSet(new URL(discovery.jwks_uri)) };
    }
    return keySet.jwks;
  };
  return async (token: string) => {
    try {
      const issuer = process.env.RESIDENT_ISSUER!;
      // requiredClaims: API Gateway's JWT authorizer refuses a token without exp; jose alone would accept it.
      const { payload } = await jwtVerify(token, await jwksOf(issuer), { issuer, audience: RESIDENT_AUDIENCE, algorithms: ['RS256', 'RS384', 'RS512'], requiredClaims: ['exp'] });
      return payload;
    } catch {
      return null;
    }
  };
}

/** Dev sign-in, local only: the list of demo users and a token for one of them. */
async function localApi(auth: LocalAuth, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  const send = (status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  if (url.pathname === '/local/config.json') {
    send(200, { auth: { kind: 'local' } });
    return true;
  }
  if (url.pathname === '/local/users' && req.method === 'GET') {
    send(200, { users: auth.users });
    return true;
  }
  if (url.pathname === '/local/sign-in' && req.method === 'POST') {
    let body = '';
    for await (const chunk of req) body += chunk;
    let username = '';
    try {
      username = String(JSON.parse(body).username ?? '');
    } catch {
      /* falls through to the 400 below */
    }
    if (!auth.users.some((u) => u.username === username)) {
      send(400, { error: { code: 'validation_failed', message: 'Unknown demo user', fields: [{ path: 'body.username', reason: 'not a demo user' }] } });
      return true;
    }
    const user = auth.users.find((u) => u.username === username)!;
    // The same trigger Cognito calls after a sign-in, with the same event shape.
    const { handler } = await import('../../functions/auth/post-authentication.ts');
    await handler({
      version: '1', region: 'local', userPoolId: 'local', userName: user.username, triggerSource: 'PostAuthentication_Authentication',
      callerContext: { awsSdkVersion: 'local', clientId: 'local' },
      request: { userAttributes: { sub: user.username, 'custom:scope_id': user.scopeId }, newDeviceUsed: false },
      response: {},
    } as never);
    send(200, { token: await auth.issue(username), user });
    return true;
  }
  return false;
}
