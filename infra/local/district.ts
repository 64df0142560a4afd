// The whole district on one machine: DynamoDB Local, the SQS emulator, the stream relay, one
// poller per manifest queue and the local API host, all from the same manifest and table
// description the CDK stack uses. `npm start`, the integration tests, the e2e tests and the
// benchmarks all start it through this one function.
import type { AppealsConfig } from '../../shared/appeals/settings.ts';
import { VoteRules } from '../../shared/votes/rules.ts';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../paths.ts';
import type { Server, IncomingMessage, ServerResponse } from 'node:http';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { allQueues, allRoutes, allSchedules, streamRelay } from '../../functions/manifest.ts';
import { lambdaContext } from './lambda-context.ts';
import { tableNameFor } from '../table.ts';
import { districtNamed } from '../districts/index.ts';
import { ensureTable, startDynamo, LOCAL_CREDENTIALS, LOCAL_REGION, type LocalDynamo } from './dynamodb.ts';
import { pollQueue, startQueues, type LocalQueues, type SqsHandler } from './queues.ts';
import { pollStream, type StreamHandler } from './stream-poller.ts';
import { createHost } from './http-host.ts';
import { LOCAL_STAFF_CLAIMS, localAuth, type LocalAuth } from './auth.ts';
import { jwtAuthorizer } from './jwt-authorizer.ts';
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
  /** With seed 'demo': at most this many ratings per compound and votes per ballot (tests). */
  demoSample?: number;
  /** Run the stream relay (default). Tests turn it off to show that events wait in the table. */
  relay?: boolean;
  onError?: (e: unknown) => void;
  /** Run the manifest's schedules on timers (default). Tests call the sweep themselves, at the moment they choose. */
  schedules?: boolean;
  /** Where feedback to the 12345 platform goes (the local platform's URL); none: not sent. */
  platformFeedbackUrl?: string;
  /** Overrides of the district's vote rules (tests vote today on a ballot announced today). */
  voteRules?: Partial<VoteRules>;
  /** Overrides of the district's appeals settings (limits by type or category, weights). */
  appeals?: Partial<AppealsConfig>;
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
    await ensureBucket(queues.endpoint, `${prefix}-photos`);

    // What the stack sets on every function, so handler modules read the same variables.
    Object.assign(process.env, {
      TABLE_NAME: tableName,
      KEYS_TABLE_NAME: keysTableName,
      QUEUE_URLS: JSON.stringify(queues.urls),
      DISTRICT_NAME: config.name,
      VOTE_RULES: JSON.stringify(VoteRules.parse({ ...config.votes, ...o.voteRules })),
      APPEALS: JSON.stringify({ ...config.appeals, ...o.appeals, platform: undefined }),
      PLATFORM_FEEDBACK_URL: o.platformFeedbackUrl ?? '',
      ASSESSMENT: JSON.stringify(config.assessment ?? {}),
      ...(config.evaluationCriteria ? { EVALUATION_CRITERIA: JSON.stringify(config.evaluationCriteria) } : {}),
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: dynamoEndpoint,
      AWS_ENDPOINT_URL_SQS: queues.endpoint,
      // fauxqs is S3 too: the appeal photo bucket (functions/photos/bucket.ts).
      AWS_ENDPOINT_URL_S3: queues.endpoint,
      PHOTO_BUCKET: `${prefix}-photos`,
      // Staff sign in through the local OIDC issuer, read through its claim mapping; sign-ins
      // are audited at first use, as with any external issuer (no Cognito trigger here).
      STAFF_CLAIMS: JSON.stringify(LOCAL_STAFF_CLAIMS),
      STAFF_SIGN_IN_AUDIT: 'first-use',
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

    if (o.schedules !== false) {
      for (const def of allSchedules) {
        let running: Promise<void> | null = null;
        const handler = load<(event: unknown, context: unknown) => Promise<void>>(def.handler);
        const timer = setInterval(() => {
          // One run at a time, as Lambda's rule would not overlap a run this short.
          running ??= handler().then((h) => h({}, lambdaContext(def.handler, def.timeoutSeconds))).catch(onError).finally(() => (running = null));
        }, def.everyMinutes * 60_000);
        stops.push(async () => {
          clearInterval(timer);
          await running;
        });
      }
    }

    const users = demoUsers(demoDistrict());
    const auth = await localAuth(dataDir ? join(dataDir, 'local-oidc-key.json') : null, users);
    const { RESIDENT_AUDIENCE } = await import('../../functions/auth/secrets.ts');
    const verifyResident = jwtAuthorizer({ issuer: () => process.env.RESIDENT_ISSUER!, audience: RESIDENT_AUDIENCE });
    let canonical: string | undefined;
    const server: Server = createHost({
      routes: allRoutes, functionsDir: join(ROOT, 'functions'), webDir: join(ROOT, 'web', 'dist'), onError,
      verify: async (kind, token) => ((kind === 'staff' ? await auth.verify(token) : await verifyResident(token)) as Record<string, unknown> | null),
      localApi: (req, res, url) => localApi(auth, req, res, url, queues.endpoint),
      canonicalOrigin: () => canonical,
    });
    await new Promise<void>((resolveListen, reject) => {
      server.once('error', reject);
      server.listen(o.port ?? 0, '127.0.0.1', () => resolveListen());
    });
    stops.push(() => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    canonical = url;
    auth.listening(url);
    // Where resident tokens say they come from; the resident authorizer checks it.
    process.env.RESIDENT_ISSUER = `${url}/api/auth/resident`;
    // Pages reach the emulated photo bucket through this host (deployed: the bucket's own origin, with CORS).
    process.env.PHOTO_PUBLIC_BASE = `${url}${LOCAL_S3_PATH}`;

    const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
    if (o.seed !== 'none') await seedDemo(doc, tableName, { registers: o.seed !== 'structure', sample: o.demoSample });
    return { url, tableName, doc, queues, auth, dynamoEndpoint, streamArn, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

const LOCAL_S3_PATH = '/local/s3';

async function ensureBucket(endpoint: string, name: string): Promise<void> {
  const { S3Client, CreateBucketCommand, HeadBucketCommand } = await import('@aws-sdk/client-s3');
  const s3 = new S3Client({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, forcePathStyle: true });
  const exists = await s3.send(new HeadBucketCommand({ Bucket: name })).then(() => true, () => false);
  if (!exists) await s3.send(new CreateBucketCommand({ Bucket: name }));
}

/**
 * The emulated bucket under this host's origin: an upload form's POST and a photo link's GET,
 * each checked as S3 would check it (infra/local/s3-gate.ts) before fauxqs sees it.
 */
async function proxyS3(req: IncomingMessage, res: ServerResponse, url: URL, endpoint: string): Promise<void> {
  const { checkRead, gateUpload, refusalXml } = await import('./s3-gate.ts');
  const path = url.pathname.slice(LOCAL_S3_PATH.length);
  const deny = (r: { status: number; code: string; message: string }) => {
    res.writeHead(r.status, { 'content-type': 'application/xml' });
    res.end(refusalXml(r));
  };
  let body: FormData | undefined;
  if (req.method === 'POST') {
    // An upload form goes to the bucket itself: a POST to a key or with a query is another S3
    // operation (fauxqs would take a DeleteObjects), which no page makes.
    const bucket = /^\/([a-z0-9.-]{3,63})\/?$/.exec(path)?.[1];
    if (!bucket || url.search) return deny({ status: 405, code: 'MethodNotAllowed', message: 'Only upload forms are posted, to the bucket' });
    const raw = await readAll(req);
    if (!raw) return deny({ status: 400, code: 'EntityTooLarge', message: 'Your proposed upload exceeds the maximum allowed size' });
    const gated = await gateUpload(new Uint8Array(raw), String(req.headers['content-type'] ?? ''), bucket);
    if ('refused' in gated) return deny(gated.refused);
    body = gated.forward;
  } else if (req.method === 'GET' || req.method === 'HEAD') {
    const refused = await checkRead(new URL(`${endpoint}${path}${url.search}`), endpoint);
    if (refused) return deny(refused);
  } else {
    return deny({ status: 405, code: 'MethodNotAllowed', message: 'Only signed uploads and reads' });
  }
  const headers: Record<string, string> = {};
  // A form made here carries its own multipart boundary; a read passes its range on.
  if (!body && req.headers.range) headers.range = String(req.headers.range);
  const upstream = await fetch(`${endpoint}${path}${body ? '' : url.search}`, { method: req.method, headers, body });
  // A photo is shown, never run: served on the pages' origin here, so no sniffing and no script.
  const out: Record<string, string> = { 'x-content-type-options': 'nosniff', 'content-security-policy': "default-src 'none'; sandbox" };
  for (const name of ['content-type', 'content-length', 'etag', 'location', 'content-range']) {
    const v = upstream.headers.get(name);
    if (v) out[name] = v;
  }
  res.writeHead(upstream.status, out);
  res.end(Buffer.from(await upstream.arrayBuffer()));
}

/** The request's body, or null past what any upload form takes (5 MB and its fields). */
async function readAll(req: IncomingMessage): Promise<Buffer | null> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 6 * 1_048_576) return null;
    parts.push(chunk as Buffer);
  }
  return Buffer.concat(parts);
}

/** The local host's own answers: the pages' config (what CloudFront serves from the bucket), the staff issuer and the photo bucket. */
async function localApi(auth: LocalAuth, req: IncomingMessage, res: ServerResponse, url: URL, s3Endpoint: string): Promise<boolean> {
  if (url.pathname.startsWith(`${LOCAL_S3_PATH}/`)) {
    await proxyS3(req, res, url, s3Endpoint);
    return true;
  }
  if (url.pathname === '/local/config.json') {
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify({ auth: { kind: 'oidc', issuer: auth.issuer, clientId: auth.clientId, redirectUri: `${new URL(auth.issuer).origin}/admin.html` } }));
    return true;
  }
  return auth.handle(req, res, url);
}
