import { defineConfig } from 'vitest/config';

// The heaviest files run in a group of their own after the rest: the crash test kills a whole
// district under a burst of 200 requests, and the demo seeds the whole district through the real
// stores (31 s on an idle machine). Beside the other files on a 2-core CI machine each took
// eight minutes and starved its neighbours' setup, and beside each other they still did: each
// runs in a group of its own, one after the other, after the rest (about four minutes).
const DEMO = ['test/integration/demo.test.ts'];
const CRASH = ['test/integration/crash.test.ts'];

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    // Each file starts its own DynamoDB Local when it first needs one (test/support/dynamo.ts).
    setupFiles: ['test/support/dynamo-per-file.ts'],
    // Files run in their own processes: each local district sets process.env for its handlers.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    // Pages on a loaded 2-core CI machine can take a few seconds to settle.
    expect: { poll: { timeout: 10_000, interval: 100 } },
    // A file's district (its table, the seeded structure) starts in seconds on an idle machine and
    // in minutes on a loaded one: a slow start is waited for, not failed.
    hookTimeout: 300_000,
    // Functions get six times their Lambda timeout here (infra/local/lambda-context.ts): on a
    // loaded 2-core machine a sign-in past its 10 s was a 500, which is the machine, not the code.
    env: { LOG_LEVEL: 'ERROR', POWERTOOLS_DEV: 'false', GONGZHI_TIMEOUT_SCALE: '6' },
    projects: [
      { extends: true, test: { name: 'suite', include: ['test/**/*.test.ts'], exclude: ['**/node_modules/**', ...DEMO, ...CRASH], sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'demo', include: DEMO, sequence: { groupOrder: 1 } } },
      { extends: true, test: { name: 'crash', include: CRASH, sequence: { groupOrder: 2 } } },
    ],
  },
});
