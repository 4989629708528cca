// One load run against one server: its rate, the server process's CPU time per answered request, and where that time
// went: the server's event loop, and the whole machine's (server, load generator and kernel alike).
import type { Measured } from '../harness.ts';
import { machineBusySeconds } from '../proc-cpu.ts';
import type { LoadJob, Loader } from './loader.ts';
import type { ServerProcess } from './server-process.ts';

export interface MeasuredOverHttp extends Measured {
  /** the server's main thread (the event loop), CPU ms per answered request */
  loopMsPerOp: number;
  /** every process on the machine and its kernel, busy CPU ms per answered request */
  machineMsPerOp: number;
}

export async function measure(loader: Loader, server: ServerProcess, job: LoadJob): Promise<MeasuredOverHttp> {
  const before = { all: server.cpuSeconds(), loop: server.eventLoopCpuSeconds(), machine: machineBusySeconds() };
  const r = await loader.run(job);
  const per = (seconds: number) => (seconds * 1000) / r.count;
  return {
    perSecond: r.perSecond, cpuMsPerOp: per(server.cpuSeconds() - before.all),
    loopMsPerOp: per(server.eventLoopCpuSeconds() - before.loop), machineMsPerOp: per(machineBusySeconds() - before.machine),
  };
}
