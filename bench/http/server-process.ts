// Starts a server in a child process (the real Node entry, or the bare baseline) and waits until it listens.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../test/helpers/app.ts';

const ENTRIES = {
  /** The service as `npm start` runs it: src/runtime/node/main.ts, @hono/node-server, background jobs and all. */
  app: fileURLToPath(new URL('../../src/runtime/node/main.ts', import.meta.url)),
  bare: fileURLToPath(new URL('./bare-jwks-server.ts', import.meta.url)),
};

export interface ServerProcess {
  url: string;
  /** CPU seconds the process has used, all its threads (Linux /proc; NaN elsewhere). */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

/** Linux's USER_HZ: the unit of /proc/<pid>/stat's times, 100 on every mainstream architecture. */
const TICKS_PER_SECOND = 100;

/** utime + stime of a process (fields 14 and 15 of /proc/<pid>/stat; the name before them may hold spaces). */
function cpuSecondsOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

export async function startServerProcess(kind: keyof typeof ENTRIES, env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  // BENCH_SERVER_FLAGS='--cpu-prof --cpu-prof-dir=prof' profiles the servers (Node refuses --cpu-prof in NODE_OPTIONS).
  const flags = process.env.BENCH_SERVER_FLAGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...flags, '--import', 'tsx', ENTRIES[kind]], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Its warnings (the log mailer's, say) stay out of the bench's output unless it dies.
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => { errors = (errors + chunk.toString()).slice(-4000); });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  await new Promise<void>((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      if (!/listening on/.test(seen)) return;
      child.stdout!.off('data', onData);
      child.stdout!.resume(); // the log mailer writes here: keep the pipe flowing, and the output out of the figures
      resolve();
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code} before listening: ${seen}${errors}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    cpuSeconds: () => cpuSecondsOf(child.pid!),
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
