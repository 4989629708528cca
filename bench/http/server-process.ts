// Starts a server in a child process (the real Node entry, or the bare baseline) and waits until it listens.
import { spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../test/helpers/app.ts';
import { cpuSecondsOf } from '../proc-cpu.ts';

const ENTRIES = {
  /** The service as `npm start` runs it: src/runtime/node/main.ts, @hono/node-server, background jobs and all. */
  app: fileURLToPath(new URL('../../src/runtime/node/main.ts', import.meta.url)),
  bare: fileURLToPath(new URL('./bare-jwks-server.ts', import.meta.url)),
};

export interface ServerProcess {
  url: string;
  /** the child's process id (for profiling tools that read /proc per thread) */
  pid: number;
  /** CPU seconds the process has used, all its threads (Linux /proc; NaN elsewhere). */
  cpuSeconds(): number;
  /** CPU seconds of its main thread alone: the event loop, which every request waits for (Linux /proc; NaN elsewhere). */
  eventLoopCpuSeconds(): number;
  stop(): Promise<void>;
}

/** Whether something listens on 127.0.0.1:port. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

export async function startServerProcess(kind: keyof typeof ENTRIES, env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  // BENCH_SERVER_FLAGS='--cpu-prof --cpu-prof-dir=prof' profiles the servers (Node refuses --cpu-prof in NODE_OPTIONS).
  const flags = process.env.BENCH_SERVER_FLAGS?.split(' ').filter(Boolean) ?? [];
  // Its stdout (the request log, the log mailer) goes to /dev/null: a log collector is no part of the service, and
  // this process draining a pipe of it cost the machine ~116 µs per email-code login, on the cores being measured.
  const child = spawn(process.execPath, [...flags, '--import', 'tsx', ENTRIES[kind]], {
    env: { ...process.env, ...env, PORT: String(port) },
    // BENCH_SERVER_STDOUT=file keeps it, for --trace-deopt and the like.
    stdio: ['ignore', process.env.BENCH_SERVER_STDOUT ? openSync(process.env.BENCH_SERVER_STDOUT, 'a') : 'ignore', 'pipe'],
  });
  // Its warnings (the log mailer's, say) stay out of the bench's output unless it dies.
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => { errors = (errors + chunk.toString()).slice(-4000); });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  let exitCode: number | null = null;
  child.once('exit', (code) => { exitCode = code ?? -1; });
  // Listening once the port takes a connection.
  for (;;) {
    if (exitCode !== null) throw new Error(`${kind} server exited with ${exitCode} before listening: ${errors}`);
    if (await accepts(port)) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    cpuSeconds: () => cpuSecondsOf(child.pid!),
    eventLoopCpuSeconds: () => cpuSecondsOf(child.pid!, child.pid!),
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
