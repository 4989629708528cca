// CPU time read from Linux's /proc, for the benches' "CPU per operation" figures: a process, one of its threads, or
// the whole machine. NaN where there is no /proc.
import { readFileSync } from 'node:fs';

/** Linux's USER_HZ: the unit of /proc's times, 100 on every mainstream architecture. */
const TICKS_PER_SECOND = 100;

/**
 * utime + stime of a process (fields 14 and 15 of /proc/<pid>/stat; the name before them may hold spaces), or of one
 * of its threads (/proc/<pid>/task/<tid>/stat; the main thread's tid is the pid), in seconds.
 */
export function cpuSecondsOf(pid: number, tid?: number): number {
  try {
    const fields = readFileSync(tid === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

/**
 * Busy CPU seconds of the whole machine since boot, all cores: /proc/stat's user, nice, system, irq and softirq (not
 * idle, iowait, or steal, the hypervisor's time for other guests).
 */
export function machineBusySeconds(): number {
  try {
    const [user, nice, system, , , irq, softirq] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    return (user + nice + system + irq + softirq) / TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}
