// Node: reads the @simplewebauthn/browser bundle from node_modules once at start, for createApp to serve.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The UMD bundle (global SimpleWebAuthnBrowser); its package exports no subpath, so it is found beside the main file. */
export function readWebAuthnBrowserBundle(): string {
  const main = createRequire(import.meta.url).resolve('@simplewebauthn/browser');
  return readFileSync(join(dirname(main), '..', 'dist', 'bundle', 'index.umd.min.js'), 'utf8');
}
