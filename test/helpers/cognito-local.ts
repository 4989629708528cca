// Starts the real cognito-local emulator as a child process on a free port, with its own temp data dir.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { freePort } from './app.ts';

export interface CognitoLocal {
  endpoint: string;
  client: CognitoIdentityProviderClient;
  stop(): Promise<void>;
}

export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

export async function startCognitoLocal(): Promise<CognitoLocal> {
  const port = await freePort();
  // cognito-local keeps its state in ./.cognito of its working directory: a fresh temp dir per run.
  const cwd = mkdtempSync(join(tmpdir(), 'cognito-local-'));
  mkdirSync(join(cwd, '.cognito'));
  writeFileSync(join(cwd, '.cognito', 'config.json'), JSON.stringify({ UserPoolDefaults: { UsernameAttributes: [] } }));
  const bin = createRequire(import.meta.url).resolve('cognito-local/lib/bin/start.js');
  const child: ChildProcess = spawn(process.execPath, [bin], {
    cwd, env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DEBUG: '' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += String(d)));
  child.stderr?.on('data', (d) => (output += String(d)));
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`cognito-local exited: ${output}`);
    try {
      // Any answer (even a 400 for an empty body) means it is listening.
      await fetch(endpoint, { method: 'POST' });
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`cognito-local did not start: ${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const client = new CognitoIdentityProviderClient({ endpoint, region: 'local', credentials: LOCAL_CREDENTIALS });
  return {
    endpoint,
    client,
    stop: () => new Promise<void>((resolve) => {
      client.destroy();
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}
