// One load run against one server: its rate, the server process's CPU time per answered request, and where that time
// went: the server's event loop, and the whole machine's (server, load generator and kernel alike).
import { readFileSync } from 'node:fs';
import type { Measured } from '../harness.ts';
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

/** USER_HZ, the unit of /proc/stat's counters. */
const TICKS_PER_SECOND = 100;

/**
 * Busy CPU seconds of the whole machine since boot, all cores: /proc/stat's user, nice, system, irq and softirq (not
 * idle, iowait, or steal, the hypervisor's time for other guests). NaN elsewhere.
 */
function machineBusySeconds(): number {
  try {
    const [user, nice, system, , , irq, softirq] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    return (user + nice + system + irq + softirq) / TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}
