import { performance } from 'node:perf_hooks';
import type { FormattedExecutionResult } from 'graphql-ws';
import type { BenchConfig } from './config.ts';
import { type ChangeTimeline, DeliveryLog, type DeliverySummary, type LatencySummary, summarise } from './deliveries.ts';
import { sampleProcess, watchPeakRss } from './process-stats.ts';
import { openSubscribers, type SubscriberPool } from './subscribers.ts';

/** A server that fans changes out to graphql-ws subscribers: the hub's gateway or the baseline. */
export interface LiveTarget {
  /** The graphql-ws endpoint. */
  readonly wsUrl: string;
  /** A token for the subscribers, if the server wants one. */
  readonly token?: string;
  /** The serving process, whose CPU and memory are measured. */
  readonly pid: number;
  /** Further processes whose CPU is reported (the hub's subgraphs). */
  readonly otherPids?: Record<string, number>;
  /** How many subscriptions the server holds now. */
  subscribed(): Promise<number>;
  /**
   * Publishes change `change` (warm-up changes first) and resolves, once the server has
   * acknowledged it, with the performance.now() that publish-to-receive is measured from.
   */
  publish(change: number): Promise<number>;
}

export interface ScenarioOptions {
  readonly config: BenchConfig;
  /** One key per change, warm-up changes first; events are matched to changes by key. */
  readonly keys: readonly string[];
  readonly query: string;
  readonly variables: Record<string, unknown>;
  /** The key of an event (undefined when it names no change). */
  readonly keyOf: (result: FormattedExecutionResult<Record<string, unknown>, unknown>) => string | undefined;
}

export interface ScenarioResult {
  readonly deliveries: DeliverySummary;
  /** Per warm-up change, how many clients received it. */
  readonly warmupReceived: number[];
  readonly connectSeconds: number;
  readonly publish: {
    /** Publish request to acknowledgement. */
    readonly roundTripMs: LatencySummary;
    /** First publish to last acknowledgement. */
    readonly seconds: number;
    readonly perSecond: number;
  };
  /** First publish until every event arrived (or the deadline). */
  readonly measuredSeconds: number;
  readonly server: {
    readonly rssIdleBytes: number;
    readonly rssSubscribedBytes: number;
    readonly rssPeakBytes: number;
    readonly rssAfterCloseBytes: number;
    readonly cpuConnectSeconds: number;
    readonly cpuPublishSeconds: number;
    readonly cpuPerChangeMs: number;
    readonly cpuPerDeliveryUs: number;
  };
  /** CPU seconds of the other processes during the measured phase. */
  readonly otherCpuSeconds: Record<string, number>;
  /** CPU seconds of this process (the clients) during the measured phase. */
  readonly clientCpuSeconds: number;
  readonly problems: SubscriberPool['problems'];
  /** Per measured change, in epoch milliseconds: acknowledged, reached the first, median and last client. */
  readonly timeline: ChangeTimeline[];
  /** The first value received for each change (warm-up first), for the baseline to replay. */
  readonly values: unknown[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(probe: () => boolean | Promise<boolean>, timeoutMs: number, intervalMs = 50): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!(await probe())) {
    if (performance.now() > deadline) {
      return false;
    }
    await sleep(intervalMs);
  }
  return true;
}

/** Publishes changes `[from, to)` one after another, starting one at most every `intervalMs`. */
async function publishPaced(target: LiveTarget, log: DeliveryLog, from: number, to: number, intervalMs: number): Promise<number[]> {
  const roundTrips: number[] = [];
  const start = performance.now();
  for (let change = from; change < to; change += 1) {
    const due = start + (change - from) * intervalMs;
    const wait = due - performance.now();
    if (wait > 0) {
      await sleep(wait);
    }
    const sent = performance.now();
    log.committedAt(change, await target.publish(change));
    roundTrips.push(performance.now() - sent);
  }
  return roundTrips;
}

async function cpuOf(pids: Record<string, number>): Promise<Record<string, number>> {
  const entries = await Promise.all(
    Object.entries(pids).map(async ([name, pid]) => [name, (await sampleProcess(pid)).cpuSeconds] as const),
  );
  return Object.fromEntries(entries);
}

/**
 * The measurement, the same for the hub and the baseline: connect the subscribers and wait
 * until the server holds them all; publish the warm-up changes and wait until the last reached
 * every client; then publish the measured changes, paced, and wait until every client has every
 * change or `deadlineMs` after the last publish. Samples the server's CPU before and after the
 * measured phase and its RSS every 100 ms. Closes the clients in every case.
 */
export async function runScenario(target: LiveTarget, options: ScenarioOptions): Promise<ScenarioResult> {
  const { config, keys } = options;
  const count = config.subscribers;
  const total = keys.length;
  const warmup = config.warmup;
  const log = new DeliveryLog(keys, count);

  const idle = await sampleProcess(target.pid);
  const connectStart = performance.now();
  const pool = await openSubscribers({
    url: target.wsUrl,
    token: target.token,
    count,
    batch: config.connectBatch,
    query: options.query,
    variables: options.variables,
    onEvent: (client, result, at) => log.arrived(client, options.keyOf(result), at, result.data),
  });
  try {
    if (!(await until(async () => (await target.subscribed()) >= count, 60_000, 200))) {
      throw new Error(`the server holds ${await target.subscribed()} of ${count} subscriptions after 60 s`);
    }
    const connectSeconds = (performance.now() - connectStart) / 1000;
    const subscribed = await sampleProcess(target.pid);

    await publishPaced(target, log, 0, warmup, Math.max(config.intervalMs, 200));
    await until(() => log.receivedOf(warmup - 1) === count, 30_000);
    const warmupReceived = Array.from({ length: warmup }, (_, change) => log.receivedOf(change));

    const peak = watchPeakRss(target.pid);
    const pids = { server: target.pid, ...target.otherPids };
    const cpuBefore = await cpuOf(pids);
    const clientCpuBefore = process.cpuUsage();
    const measuredStart = performance.now();
    const roundTrips = await publishPaced(target, log, warmup, total, config.intervalMs);
    const publishSeconds = (performance.now() - measuredStart) / 1000;
    await until(() => log.complete(warmup, total), config.deadlineMs);
    const measuredSeconds = (performance.now() - measuredStart) / 1000;
    const cpuAfter = await cpuOf(pids);
    const clientCpu = process.cpuUsage(clientCpuBefore);
    const rssPeakBytes = await peak.stop();

    await pool.close();
    await sleep(1000);
    const afterClose = await sampleProcess(target.pid);

    const deliveries = log.summary(warmup, total);
    const cpuPublishSeconds = (cpuAfter.server ?? 0) - (cpuBefore.server ?? 0);
    return {
      deliveries,
      warmupReceived,
      connectSeconds,
      publish: {
        roundTripMs: summarise(Float64Array.from(roundTrips)),
        seconds: publishSeconds,
        perSecond: (total - warmup) / publishSeconds,
      },
      measuredSeconds,
      server: {
        rssIdleBytes: idle.rssBytes,
        rssSubscribedBytes: subscribed.rssBytes,
        rssPeakBytes,
        rssAfterCloseBytes: afterClose.rssBytes,
        cpuConnectSeconds: subscribed.cpuSeconds - idle.cpuSeconds,
        cpuPublishSeconds,
        cpuPerChangeMs: (cpuPublishSeconds * 1000) / (total - warmup),
        cpuPerDeliveryUs: deliveries.received ? (cpuPublishSeconds * 1e6) / deliveries.received : Number.NaN,
      },
      otherCpuSeconds: Object.fromEntries(
        Object.keys(target.otherPids ?? {}).map((name) => [name, (cpuAfter[name] ?? 0) - (cpuBefore[name] ?? 0)]),
      ),
      clientCpuSeconds: (clientCpu.user + clientCpu.system) / 1e6,
      problems: pool.problems,
      timeline: log.timeline(warmup, total).map((t) => ({
        ...t,
        committed: performance.timeOrigin + t.committed,
        first: performance.timeOrigin + t.first,
        median: performance.timeOrigin + t.median,
        last: performance.timeOrigin + t.last,
      })),
      values: log.values(),
    };
  } finally {
    await pool.close();
  }
}
