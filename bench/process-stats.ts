import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';

/** One look at a process in /proc (Linux only). */
export interface ProcessSample {
  /** Resident set size now (VmRSS), bytes. */
  readonly rssBytes: number;
  /** CPU time used since the process started, user + system, seconds. */
  readonly cpuSeconds: number;
}

let ticksPerSecond: number | null = null;

/** The kernel's clock ticks per second (`getconf CLK_TCK`; 100 when that fails). */
function clockTicks(): number {
  if (ticksPerSecond === null) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/**
 * Reads a process's resident memory (/proc/<pid>/status, VmRSS) and CPU time
 * (/proc/<pid>/stat, utime + stime). Throws when the process is gone or /proc is missing.
 */
export async function sampleProcess(pid: number): Promise<ProcessSample> {
  const [status, stat] = await Promise.all([readFile(`/proc/${pid}/status`, 'utf8'), readFile(`/proc/${pid}/stat`, 'utf8')]);
  const rssKb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? Number.NaN);
  // Fields after the command name (which may hold spaces and parentheses): state is field 3,
  // utime field 14, stime field 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return { rssBytes: rssKb * 1024, cpuSeconds: ticks / clockTicks() };
}

/** Samples a process's RSS every `intervalMs` until stopped; `stop()` returns the largest seen. */
export function watchPeakRss(pid: number, intervalMs = 100): { stop: () => Promise<number> } {
  let peak = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const sample = await sampleProcess(pid).catch(() => null);
      peak = Math.max(peak, sample?.rssBytes ?? 0);
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      const last = await sampleProcess(pid).catch(() => null);
      return Math.max(peak, last?.rssBytes ?? 0);
    },
  };
}
