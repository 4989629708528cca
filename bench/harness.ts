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
}

export interface BenchCase {
  name: string;
  run(): Promise<BenchResult[]>;
}

export function result(name: string, value: number, unit: string, baseline: number, target: string): BenchResult {
  return { name, value: round(value), unit, baseline: round(baseline), ratio: round(value / baseline, 3), target };
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

/** Best ops/s of each function over alternating rounds: every side sees the same machine noise. */
export async function bestOfRounds<K extends string>(fns: Record<K, (worker: number) => Promise<unknown>>, rounds: number, ms: number, concurrency = 16): Promise<Record<K, number>> {
  const best = Object.fromEntries(Object.keys(fns).map((k) => [k, 0])) as Record<K, number>;
  for (let round = 0; round < rounds; round++) {
    for (const k of Object.keys(fns) as K[]) best[k] = Math.max(best[k], await opsPerSecond(fns[k], ms, concurrency));
  }
  return best;
}
