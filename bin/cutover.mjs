#!/usr/bin/env node
// The `cutover` admin CLI: loads the TypeScript sources through tsx.
import { register } from 'tsx/esm/api';

// The lockfile pins an SDK that supports Node 20; its notice about future releases would break one-line CLI errors.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
register();
await import(new URL('../src/runtime/node/cli.ts', import.meta.url).href);
