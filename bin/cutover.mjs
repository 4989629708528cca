#!/usr/bin/env node
// The `cutover` admin CLI: loads the TypeScript sources through tsx.
import { register } from 'tsx/esm/api';

register();
await import(new URL('../src/cli/main.ts', import.meta.url).href);
