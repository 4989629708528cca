// The machine's RS256 bound: one signing process per core, all signing at once (and one alone for the single core).
import { fork, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Measured } from '../harness.ts';

const CHILD = fileURLToPath(new URL('./sign-child.ts', import.meta.url));

export interface SigningPool {
  cores: number;
  /** Signatures per second of all processes signing together for `ms` (CPU per signature: their mean). */
  allCores(ms: number): Promise<Measured>;
  /** Signatures per second of one process signing alone for `ms`. */
  singleCore(ms: number): Promise<Measured>;
  stop(): void;
}

interface Run {
  count: number;
  seconds: number;
  cpuMs: number;
}

function start(): Promise<ChildProcess> {
  const child = fork(CHILD, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`signing child exited with ${code}`)));
  });
}

function run(child: ChildProcess, ms: number): Promise<Run> {
  return new Promise((resolve) => {
    child.once('message', (m: Run) => resolve(m));
    child.send({ ms });
  });
}

const sum = (runs: Run[]): Measured => ({
  perSecond: runs.reduce((a, r) => a + r.count / r.seconds, 0),
  cpuMsPerOp: runs.reduce((a, r) => a + r.cpuMs, 0) / runs.reduce((a, r) => a + r.count, 0),
});

export async function startSigningPool(): Promise<SigningPool> {
  const cores = availableParallelism();
  const children = await Promise.all(Array.from({ length: cores }, start));
  return {
    cores,
    allCores: async (ms) => sum(await Promise.all(children.map((c) => run(c, ms)))),
    singleCore: async (ms) => sum([await run(children[0], ms)]),
    stop: () => { for (const c of children) c.kill(); },
  };
}
