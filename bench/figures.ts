import type { ScenarioResult } from './scenario.ts';

/** One server's figures over all its rounds. */
export interface Figures {
  readonly rounds: number;
  /** Publish-to-receive over all (client, change) pairs of a round; the median over rounds. */
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** The largest over all rounds. */
  readonly maxMs: number;
  /** Per round, for the spread. */
  readonly p50MsPerRound: number[];
  readonly p99MsPerRound: number[];
  /** Sums over rounds. */
  readonly expected: number;
  readonly received: number;
  readonly lost: number;
  readonly duplicates: number;
  readonly unexpected: number;
  readonly streamProblems: number;
  /** Medians over rounds. */
  readonly cpuPublishSeconds: number;
  readonly cpuPerChangeMs: number;
  readonly cpuPerDeliveryUs: number;
  readonly cpuConnectSeconds: number;
  /** Before the first round's clients connected. */
  readonly rssIdleBytes: number;
  /** Median over rounds, with every client subscribed. */
  readonly rssSubscribedBytes: number;
  /** First round: (with clients − before any client) ÷ clients (later rounds start on a heap grown by the earlier ones). */
  readonly rssPerSubscriberBytes: number;
  /** The largest seen while publishing, over all rounds. */
  readonly rssPeakBytes: number;
  /** After each round's clients left: should stay flat from round to round. */
  readonly rssAfterCloseBytesPerRound: number[];
  readonly publishRoundTripP50Ms: number;
  readonly publishRoundTripP99Ms: number;
  readonly publishesPerSecond: number;
  readonly clientCpuSeconds: number;
  readonly connectSeconds: number;
}

/** The median of values (NaN for none). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) {
    return Number.NaN;
  }
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

/** Aggregates a server's rounds: medians for latency and CPU, sums for counts, maxima for peaks. */
export function figuresOf(rounds: readonly ScenarioResult[], subscribers: number): Figures {
  const pick = (f: (round: ScenarioResult) => number) => rounds.map(f);
  return {
    rounds: rounds.length,
    p50Ms: median(pick((r) => r.deliveries.latencyMs.p50)),
    p99Ms: median(pick((r) => r.deliveries.latencyMs.p99)),
    maxMs: Math.max(...pick((r) => r.deliveries.latencyMs.max)),
    p50MsPerRound: pick((r) => r.deliveries.latencyMs.p50),
    p99MsPerRound: pick((r) => r.deliveries.latencyMs.p99),
    expected: sum(pick((r) => r.deliveries.expected)),
    received: sum(pick((r) => r.deliveries.received)),
    lost: sum(pick((r) => r.deliveries.lost)),
    duplicates: sum(pick((r) => r.deliveries.duplicates)),
    unexpected: sum(pick((r) => r.deliveries.unexpected)),
    streamProblems: sum(pick((r) => r.problems.errors + r.problems.completed + r.problems.closed)),
    cpuPublishSeconds: median(pick((r) => r.server.cpuPublishSeconds)),
    cpuPerChangeMs: median(pick((r) => r.server.cpuPerChangeMs)),
    cpuPerDeliveryUs: median(pick((r) => r.server.cpuPerDeliveryUs)),
    cpuConnectSeconds: median(pick((r) => r.server.cpuConnectSeconds)),
    rssIdleBytes: rounds[0]?.server.rssIdleBytes ?? Number.NaN,
    rssSubscribedBytes: median(pick((r) => r.server.rssSubscribedBytes)),
    rssPerSubscriberBytes: rounds[0] ? (rounds[0].server.rssSubscribedBytes - rounds[0].server.rssIdleBytes) / subscribers : Number.NaN,
    rssPeakBytes: Math.max(...pick((r) => r.server.rssPeakBytes)),
    rssAfterCloseBytesPerRound: pick((r) => r.server.rssAfterCloseBytes),
    publishRoundTripP50Ms: median(pick((r) => r.publish.roundTripMs.p50)),
    publishRoundTripP99Ms: median(pick((r) => r.publish.roundTripMs.p99)),
    publishesPerSecond: median(pick((r) => r.publish.perSecond)),
    clientCpuSeconds: median(pick((r) => r.clientCpuSeconds)),
    connectSeconds: median(pick((r) => r.connectSeconds)),
  };
}
