// A local district in a child process (test/support/district-process.mts), for the tests that
// kill it with SIGKILL and start it again on the same data and the same port.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileDynamoEndpoint } from './dynamo.ts';
import { ROOT } from '../../infra/paths.ts';

/** What the child prints once it listens. */
export interface ChildStarted { url: string; tableName: string; admin: string; hotline: string; webhookKey: string }

export function childDistrict(name: string) {
  const dataDir = mkdtempSync(join(tmpdir(), `gongzhi-${name}-`));
  const prefix = `${name.slice(0, 1)}${randomBytes(4).toString('hex')}`;
  let child: ChildProcess | null = null;
  return {
    /** Starts the district (again) on the same data; resolves when it answers. */
    async start(port: number): Promise<ChildStarted> {
      child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/support/district-process.mts'), dataDir, await fileDynamoEndpoint(), prefix, String(port)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
      return firstJsonLine<ChildStarted>(child, 'district');
    },
    kill: () => child?.kill('SIGKILL'),
    /** Kills it and removes its data. */
    dispose() {
      child?.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The first JSON line a child prints once it is ready; rejects if it exits first. */
export function firstJsonLine<T>(child: ChildProcess, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve(JSON.parse(line));
    });
    child.on('exit', (code) => reject(new Error(`${what} exited with ${code}`)));
  });
}
