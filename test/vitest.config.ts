import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // Files run in their own processes: each local district sets process.env for its handlers.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    // Pages on a loaded 2-core CI machine can take a few seconds to settle.
    expect: { poll: { timeout: 10_000, interval: 100 } },
    hookTimeout: 120_000,
    env: { LOG_LEVEL: 'ERROR', POWERTOOLS_DEV: 'false' },
  },
});
