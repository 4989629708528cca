// Benchmark plumbing: results are ratios against a baseline measured in the same run (machines are noisy).

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  baseline: number;
  /** value / baseline */
  ratio: number;
  /** the target, e.g. ">= 0.9" */
  target: string;
  /** each round's own ratio, where the figure is a best of rounds: the spread the machine's noise left */
  rounds?: number[];
}

export interface BenchCase {
  name: string;
  run(): Promise<BenchResult[]>;
}

export function result(name: string, value: number, unit: string, baseline: number, target: string, rounds?: number[]): BenchResult {
  return { name, value: round(value), unit, baseline: round(baseline), ratio: round(value / baseline, 3), target, ...(rounds ? { rounds: rounds.map((r) => round(r, 3)) } : {}) };
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Calls `fn(worker)` repeatedly for `ms` milliseconds with `concurrency` in flight; returns operations per second. */
export async function opsPerSecond(fn: (worker: number) => Promise<unknown>, ms = 2000, concurrency = 16): Promise<number> {
  let count = 0;
  const end = performance.now() + ms;
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async (_, worker) => {
    while (performance.now() < end) {
      await fn(worker);
      count += 1;
    }
  }));
  return count / ((performance.now() - start) / 1000);
}

/** Whether a ratio meets a target written as ">= x" or "<= x". */
export function meets(r: BenchResult): boolean {
  const m = /^(>=|<=)\s*([\d.]+)/.exec(r.target);
  if (!m) return true;
  return m[1] === '>=' ? r.ratio >= Number(m[2]) : r.ratio <= Number(m[2]);
}

/** Takes every measurement once a round, the order flipped each round so drift hits every side alike; all figures. */
export async function inRounds<M extends Record<string, () => Promise<unknown>>>(rounds: number, measure: M): Promise<{ [K in keyof M]: Array<Awaited<ReturnType<M[K]>>> }> {
  const keys = Object.keys(measure) as Array<keyof M>;
  const all = Object.fromEntries(keys.map((k) => [k, [] as unknown[]])) as { [K in keyof M]: Array<Awaited<ReturnType<M[K]>>> };
  for (let r = 0; r < rounds; r++) {
    for (const k of r % 2 ? [...keys].reverse() : keys) all[k].push(await measure[k]() as Awaited<ReturnType<M[typeof k]>>);
  }
  return all;
}

/** Each round's ratio of two series of figures. */
export const ratios = (values: number[], baselines: number[]) => values.map((v, i) => v / baselines[i]);

/**
 * One throughput measurement: operations per second, and CPU time per operation of the process doing them. On a
 * machine shared with other work the rate swings with whoever else runs; CPU per operation barely moves, so it is
 * reported beside every rate as the steadier witness.
 */
export interface Measured {
  perSecond: number;
  cpuMsPerOp: number;
}

export const rates = (xs: Measured[]) => xs.map((m) => m.perSecond);
/** Signatures as token sets: every grant and login signs two JWTs (the access and the ID token). */
export const perTokenSet = (signatures: Measured[]): Measured[] => signatures.map((m) => ({ perSecond: m.perSecond / 2, cpuMsPerOp: m.cpuMsPerOp * 2 }));
export const best = (xs: Measured[]) => Math.max(...xs.map((m) => m.perSecond));
/** The median of the rounds' figures. */
export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
/** The median CPU cost per operation over the rounds. */
export const cpuMs = (xs: Measured[]) => median(xs.map((m) => m.cpuMsPerOp));
