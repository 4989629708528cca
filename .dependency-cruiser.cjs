// The arrows of ARCHITECTURE.md, enforced: `npm test` runs this (test/architecture/dependency-rule.test.ts) and fails on a violation.
/** Packages only the outer layers may use: the web framework, the ORM, database drivers, the AWS SDK. */
const OUTER_PACKAGES = '(^|/)node_modules/(hono|@hono|drizzle-orm|better-sqlite3|pg|@aws-sdk)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-is-portable',
      comment: 'src/core runs on Node and Workers alike: Web APIs, jose, SimpleWebAuthn, zod and small helpers only.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: OUTER_PACKAGES },
    },
    {
      name: 'core-no-node-builtins',
      comment: 'src/core never uses node:* (nor bare Node built-ins): Workers have none of them.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'core-imports-no-outer-layer',
      comment: 'Data walks one way: http → core → port ← storage. The core owns its ports and never reaches outwards.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/(http|storage|email|cognito|cli|runtime)/' },
    },
    {
      name: 'storage-stays-below',
      comment: 'Storage implements the core\'s ports; it knows nothing of requests, commands or runtimes.',
      severity: 'error',
      from: { path: '^src/storage/' },
      to: { path: '^src/(http|cli|runtime)/' },
    },
    {
      name: 'http-calls-the-core',
      comment: 'Routes call core use cases; SQL, the CLI, the runtime and the Cognito SDK are out of their reach.',
      severity: 'error',
      from: { path: '^src/http/' },
      to: { path: '^src/(storage|cli|runtime|cognito)/' },
    },
    {
      name: 'only-entries-import-runtime',
      comment: 'src/runtime is the composition root: only itself, bin/, test/ and bench/ may import it.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/runtime/' },
      to: { path: '^src/runtime/' },
    },
    {
      name: 'workers-without-node',
      comment: 'The Workers bundle must not pull in Node-only code (signing threads, SQLite, the checkpointer).',
      severity: 'error',
      from: { path: '^src/runtime/workers/' },
      to: { path: '^src/runtime/node/' },
    },
    {
      name: 'no-circular',
      comment: 'A cycle makes two files one: neither can be read, tested or moved alone.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports are arrows too: a core file typed against Hono's Context already depends on Hono.
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.mjs', '.js'] },
  },
};
