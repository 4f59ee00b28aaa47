import { execFileSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';

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

/** A process's /proc/<pid>/stat fields after the command name (state is [0], ppid [1], utime [11]…). */
async function statFields(pid: number | string): Promise<string[]> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/**
 * CPU seconds of a process and its direct children, e.g. a PostgreSQL postmaster and its server
 * processes: the parent's own time and that of its children that already exited (cutime, cstime),
 * plus each running child's own time, so a child that exits between two readings is still
 * counted. Throws when the parent is gone.
 */
export async function processTreeCpuSeconds(parentPid: number): Promise<number> {
  const parent = await statFields(parentPid);
  let ticks = Number(parent[11]) + Number(parent[12]) + Number(parent[13]) + Number(parent[14]);
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) {
      continue;
    }
    const fields = await statFields(entry).catch(() => null);
    if (fields && Number(fields[1]) === parentPid) {
      ticks += Number(fields[11]) + Number(fields[12]);
    }
  }
  return ticks / clockTicks();
}

/** A process's parent's id (/proc/<pid>/stat), or null when it cannot be read. */
export async function parentPid(pid: number): Promise<number | null> {
  const fields = await statFields(pid).catch(() => null);
  return fields ? Number(fields[1]) : null;
}
