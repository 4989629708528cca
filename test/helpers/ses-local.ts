// Starts the real aws-ses-v2-local emulator on a free port; mail sent to it is read back from /store.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { freePort } from './app.ts';

export interface StoredEmail {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { text?: string; html?: string };
  at: number;
}

export interface SesLocal {
  endpoint: string;
  emails(): Promise<StoredEmail[]>;
  clear(): Promise<void>;
  stop(): Promise<void>;
}

/** `env` reaches the emulator, e.g. AWS_SES_ACCOUNT (the JSON GetAccount answers with). */
export async function startSesLocal(options: { env?: Record<string, string> } = {}): Promise<SesLocal> {
  const port = await freePort();
  const cli = createRequire(import.meta.url).resolve('aws-ses-v2-local/dist/cli.js');
  const child: ChildProcess = spawn(process.execPath, [cli, '--port', String(port), '--host', '127.0.0.1'], { stdio: 'ignore', env: { ...process.env, ...options.env } });
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      if ((await fetch(`${endpoint}/health-check`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      child.kill();
      throw new Error('aws-ses-v2-local did not start within 15 s');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    endpoint,
    async emails() {
      const { emails } = (await (await fetch(`${endpoint}/store`)).json()) as { emails: StoredEmail[] };
      return emails;
    },
    async clear() {
      await fetch(`${endpoint}/clear-store`, { method: 'POST' });
    },
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill();
    }),
  };
}
