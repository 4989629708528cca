// `npm run test:e2e`: the browser suite (headless Chromium through playwright-core, a WebAuthn virtual authenticator).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // One browser at a time: the CI machine is small.
    fileParallelism: false,
  },
});
