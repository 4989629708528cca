// `npm test`: every suite but the browser one (npm run test:e2e), on SQLite; the sign-in, token, import and invitation
// suites once more on PostgreSQL (the `postgres` project: each test app on a fresh database of the local server).
import { defineConfig } from 'vitest/config';

/** Suites that run again with their apps on PostgreSQL (the storage conformance suites cover every driver themselves). */
export const POSTGRES_SUITES = [
  'test/http/email-auth.test.ts',
  'test/http/attempt-limits.test.ts',
  'test/http/tokens.test.ts',
  'test/http/authorization-code.test.ts',
  'test/core/import-users.test.ts',
  'test/http/admin-imports.test.ts',
  'test/http/admin-invitations.test.ts',
];

export default defineConfig({
  test: {
    exclude: ['test/e2e/**', 'node_modules/**'],
    // Generous: CLI tests spawn several tsx processes one after another, each a few seconds on a busy 2-core machine.
    testTimeout: 90_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['test/helpers/postgres-setup.ts'],
    setupFiles: ['test/helpers/postgres-file-hooks.ts'],
    projects: [
      { extends: true, test: { name: 'sqlite', include: ['test/**/*.test.ts'] } },
      { extends: true, test: { name: 'postgres', include: POSTGRES_SUITES, env: { CUTOVER_TEST_DATABASE: 'postgres' } } },
    ],
  },
});
