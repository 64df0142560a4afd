// The DynamoDB Local each test file (and npm start) runs: a start on a port another one holds is
// refused instead of quietly using the other's data, and the JVM goes when its parent goes.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startDynamo } from '../../infra/local/dynamodb.ts';
import { freePort, LocalStartError } from '../../infra/local/ports.ts';
import { ROOT } from '../../infra/paths.ts';
import { eventually } from '../support/district.ts';
import { firstJsonLine } from '../support/child-district.ts';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('DynamoDB Local', () => {
  it('refuses a port another DynamoDB Local holds instead of using its data', async () => {
    const port = await freePort();
    const first = await startDynamo(port, null);
    try {
      await first.client.send(new (await import('@aws-sdk/client-dynamodb')).CreateTableCommand({ TableName: 'held', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], BillingMode: 'PAY_PER_REQUEST' }));
      const second = startDynamo(port, null);
      await expect(second).rejects.toBeInstanceOf(LocalStartError);
      await expect(second).rejects.toThrow(`Port ${port}`);
      expect(alive(first.pid)).toBe(true);
    } finally {
      await first.stop();
    }
  });

  it.skipIf(process.platform !== 'linux' || !existsSync('/usr/bin/setpriv'))('goes with its parent, even when the parent is killed with SIGKILL', async () => {
    const holder = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/support/dynamo-holder.mts')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    const started = await firstJsonLine<{ pid: number; endpoint: string }>(holder, 'holder');
    expect(alive(started.pid)).toBe(true);
    holder.kill('SIGKILL');
    await eventually(async () => !alive(started.pid), 10_000);
  });
});
