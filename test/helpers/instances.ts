// Real server processes (src/runtime/node/main.ts) started the way an operator starts them, e.g. several on one
// PostgreSQL database.
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { freePort } from './app.ts';

export const SERVER_ENTRY = resolve(import.meta.dirname, '../../src/runtime/node/main.ts');
export const TSX = resolve(import.meta.dirname, '../../node_modules/tsx/dist/cli.mjs');

export interface Instance {
  url: string;
  child: ChildProcess;
  output(): string;
  exited(): Promise<number | null>;
  stop(): Promise<void>;
}

export const exited = (child: ChildProcess) => new Promise<number | null>((r) =>
  (child.exitCode !== null || child.signalCode !== null ? r(child.exitCode) : child.once('exit', (code) => r(code))));

/** Starts a server on a free port and waits until /readyz answers 200. */
export async function startInstance(env: Record<string, string>, port?: number): Promise<Instance> {
  const p = port ?? await freePort();
  const url = `http://127.0.0.1:${p}`;
  const child = spawn(process.execPath, [TSX, SERVER_ENTRY], { env: { ...process.env, ...env, PORT: String(p) }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out = (out + b.toString()).slice(-20_000)));
  child.stderr!.on('data', (b: Buffer) => (out = (out + b.toString()).slice(-20_000)));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${out}`);
    const res = await fetch(`${url}/readyz`).catch(() => null);
    if (res?.status === 200) break;
    if (Date.now() > deadline) throw new Error(`server not ready within 60 s: ${out}`);
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    url, child, output: () => out, exited: () => exited(child),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited(child);
    },
  };
}

/** Polls until `check` holds. */
export async function until(what: string, check: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
