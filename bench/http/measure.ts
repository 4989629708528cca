// One load run against one server: its rate, and the server process's CPU time per answered request.
import type { Measured } from '../harness.ts';
import type { LoadJob, Loader } from './loader.ts';
import type { ServerProcess } from './server-process.ts';

export async function measure(loader: Loader, server: ServerProcess, job: LoadJob): Promise<Measured> {
  const before = server.cpuSeconds();
  const r = await loader.run(job);
  return { perSecond: r.perSecond, cpuMsPerOp: ((server.cpuSeconds() - before) * 1000) / r.count };
}
