// One DynamoDB Local per test file, started on the file's first district and stopped after its
// last test (test/support/dynamo-per-file.ts). DynamoDB Local keeps every stream record it was
// ever given, dropped tables' too, and each write to a table with a stream gets slower with
// them: 500 writes took 3.2 s on a fresh one and 6.9 s after twenty such tables had come and gone
// (test/bench/dynamo-local-streams.mts). Shared by a whole run, the demo's seed took 31 s at its start and
// 350 s at its end. A JVM starts in about 4 s.
import { startDynamo, type LocalDynamo } from '../../infra/local/dynamodb.ts';
import { freePort, LocalStartError } from '../../infra/local/ports.ts';

let started: Promise<LocalDynamo> | null = null;

async function start(): Promise<LocalDynamo> {
  // Two files may pick the same free port at the same moment: the loser tries another.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startDynamo(await freePort(), null);
    } catch (error) {
      if (!(error instanceof LocalStartError) || attempt === 3) throw error;
    }
  }
}

/** This file's DynamoDB Local endpoint. */
export async function fileDynamoEndpoint(): Promise<string> {
  started ??= start();
  return (await started).endpoint;
}

export async function stopFileDynamo(): Promise<void> {
  const running = started;
  started = null;
  if (running) await (await running.catch(() => null))?.stop();
}
