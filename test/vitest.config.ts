import { defineConfig } from 'vitest/config';

// The heaviest files run in a group of their own after the rest: the crash test kills a whole
// district under a burst of 200 requests, and the demo seeds the whole district through the real
// stores (31 s on an idle machine). Beside the other files on a 2-core CI machine each took
// eight minutes and starved its neighbours' setup; together after the rest they take about three.
const ALONE = ['test/integration/crash.test.ts', 'test/integration/demo.test.ts'];

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    globalSetup: ['test/support/global-setup.ts'],
    // Files run in their own processes: each local district sets process.env for its handlers.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    // Pages on a loaded 2-core CI machine can take a few seconds to settle.
    expect: { poll: { timeout: 10_000, interval: 100 } },
    // A file's district (its table, the seeded structure) starts in seconds on an idle machine and
    // in minutes on a loaded one: a slow start is waited for, not failed.
    hookTimeout: 300_000,
    env: { LOG_LEVEL: 'ERROR', POWERTOOLS_DEV: 'false' },
    projects: [
      { extends: true, test: { name: 'suite', include: ['test/**/*.test.ts'], exclude: ['**/node_modules/**', ...ALONE], sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'alone', include: ALONE, sequence: { groupOrder: 1 } } },
    ],
  },
});
