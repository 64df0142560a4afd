import { defineConfig } from 'vitest/config';

// The crash test kills a whole district under a burst of 200 requests; beside the other heavy
// files on a 2-core CI machine it could not get its first answers in time. It runs in a group
// of its own after the rest, with the machine to itself.
const ALONE = ['test/integration/crash.test.ts'];

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
    hookTimeout: 120_000,
    env: { LOG_LEVEL: 'ERROR', POWERTOOLS_DEV: 'false' },
    projects: [
      { extends: true, test: { name: 'suite', include: ['test/**/*.test.ts'], exclude: ['**/node_modules/**', ...ALONE], sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'alone', include: ALONE, sequence: { groupOrder: 1 } } },
    ],
  },
});
