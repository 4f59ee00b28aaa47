import { performance } from 'node:perf_hooks';
import { metricsUrl, readMetrics, sumOf } from './metrics.ts';
import { sampleProcess } from './process-stats.ts';

/** One look at the hub during the soak. */
export interface SoakSample {
  /** Seconds since the load started. */
  readonly t: number;
  /** Per process: RSS (/proc VmRSS) and V8 heap used (its /metrics), bytes; NaN when it did not answer. */
  readonly processes: Record<string, { rssBytes: number; heapUsedBytes: number }>;
  /** The gateway's live groups and clients, and the upstream subscriptions the alliance holds. */
  readonly live: { groups: number; clients: number; allianceSubscriptions: number };
  /** The load's cumulative counters at that moment. */
  readonly counters: Record<string, number>;
}

export interface MonitorTargets {
  /** Process name → pid. */
  readonly pids: Record<string, number>;
  /** Process name → its GraphQL URL (the /metrics beside it is read). */
  readonly urls: Record<string, string>;
  /** performance.now() when the load started. */
  readonly startedAt: number;
  readonly counters: () => Record<string, number>;
}

/** Samples every process once. */
export async function sampleHub(targets: MonitorTargets): Promise<SoakSample> {
  const names = Object.keys(targets.pids);
  const looks = await Promise.all(
    names.map(async (name) => {
      const [stats, metrics] = await Promise.all([
        sampleProcess(targets.pids[name] as number).catch(() => null),
        readMetrics(metricsUrl(targets.urls[name] as string)).catch(() => ({}) as Record<string, number>),
      ]);
      return { name, stats, metrics };
    }),
  );
  const metricsOf = (name: string) => looks.find((look) => look.name === name)?.metrics ?? {};
  return {
    t: (performance.now() - targets.startedAt) / 1000,
    processes: Object.fromEntries(
      looks.map(({ name, stats, metrics }) => [
        name,
        { rssBytes: stats?.rssBytes ?? Number.NaN, heapUsedBytes: metrics.nodejs_heap_size_used_bytes ?? Number.NaN },
      ]),
    ),
    live: {
      groups: metricsOf('gateway').hub_live_groups ?? Number.NaN,
      clients: metricsOf('gateway').hub_live_clients ?? Number.NaN,
      allianceSubscriptions: sumOf(metricsOf('alliance'), 'hub_ws_subscriptions_active'),
    },
    counters: targets.counters(),
  };
}

/** Samples the hub now and every `intervalMs` until stopped; `stop()` takes a last sample and returns them all. */
export function startMonitor(targets: MonitorTargets, intervalMs: number) {
  const samples: SoakSample[] = [];
  let running = true;
  let wake: () => void = () => {};
  const loop = (async () => {
    let due = performance.now();
    while (running) {
      samples.push(await sampleHub(targets));
      due += intervalMs;
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, Math.max(0, due - performance.now()));
      });
    }
  })();
  return {
    samples,
    async stop(): Promise<SoakSample[]> {
      running = false;
      wake();
      await loop;
      samples.push(await sampleHub(targets));
      return samples;
    },
  };
}
