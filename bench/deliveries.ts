/** Latency figures in milliseconds over all (client, change) deliveries. */
export interface LatencySummary {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly min: number;
  readonly mean: number;
}

/** What reached the clients, against what was published. */
export interface DeliverySummary {
  /** clients × changes. */
  readonly expected: number;
  readonly received: number;
  /** Expected deliveries that never arrived (by the deadline). */
  readonly lost: number;
  /** Second and later arrivals of the same change at the same client. */
  readonly duplicates: number;
  /** Events that matched no change of this run. */
  readonly unexpected: number;
  /** Clients that missed at least one change. */
  readonly clientsMissingEvents: number;
  /** Publish-to-receive: arrival − the moment the publish was acknowledged. */
  readonly latencyMs: LatencySummary;
}

/** When one change was acknowledged and when it reached the first, median and last client. */
export interface ChangeTimeline {
  readonly committed: number;
  readonly first: number;
  readonly median: number;
  readonly last: number;
  readonly clients: number;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: ArrayLike<number>, fraction: number): number {
  if (sorted.length === 0) {
    return Number.NaN;
  }
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[rank] as number;
}

/** Latency summary of values (any order). */
export function summarise(values: Float64Array): LatencySummary {
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (const value of sorted) {
    sum += value;
  }
  return {
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    max: sorted.length ? (sorted[sorted.length - 1] as number) : Number.NaN,
    min: sorted.length ? (sorted[0] as number) : Number.NaN,
    mean: sorted.length ? sum / sorted.length : Number.NaN,
  };
}

/**
 * Records, per client and change, when the change arrived (performance.now() of this process),
 * and when each change's publish was acknowledged; matches events to changes by a key (the
 * commitment's id). Holds clients × changes timestamps, so 1,000 × 100 is 800 kB.
 */
export class DeliveryLog {
  private readonly index = new Map<string, number>();
  private readonly arrivals: Float64Array;
  private readonly committed: Float64Array;
  private readonly firstValues: unknown[];
  private readonly receivedPerChange: Uint32Array;
  private duplicateCount = 0;
  private unexpectedCount = 0;

  constructor(
    readonly keys: readonly string[],
    readonly clients: number,
  ) {
    keys.forEach((key, i) => {
      this.index.set(key, i);
    });
    this.arrivals = new Float64Array(keys.length * clients).fill(Number.NaN);
    this.committed = new Float64Array(keys.length).fill(Number.NaN);
    this.receivedPerChange = new Uint32Array(keys.length);
    this.firstValues = new Array(keys.length).fill(undefined);
  }

  /** Notes that change `change` was acknowledged by the publisher at `at`. */
  committedAt(change: number, at: number): void {
    this.committed[change] = at;
  }

  /** Notes that `client` received the event with `key` at `at`; keeps the first value per change. */
  arrived(client: number, key: string | undefined, at: number, value: unknown): void {
    const change = key === undefined ? undefined : this.index.get(key);
    if (change === undefined) {
      this.unexpectedCount += 1;
      return;
    }
    const slot = change * this.clients + client;
    if (!Number.isNaN(this.arrivals[slot] as number)) {
      this.duplicateCount += 1;
      return;
    }
    this.arrivals[slot] = at;
    this.receivedPerChange[change] = (this.receivedPerChange[change] as number) + 1;
    this.firstValues[change] ??= value;
  }

  /** How many clients have received change `change`. */
  receivedOf(change: number): number {
    return this.receivedPerChange[change] as number;
  }

  /** Whether every client has received every change in `[from, to)`. */
  complete(from = 0, to = this.keys.length): boolean {
    for (let change = from; change < to; change += 1) {
      if (this.receivedPerChange[change] !== this.clients) {
        return false;
      }
    }
    return true;
  }

  /** The first value received for each change (undefined where none arrived). */
  values(): unknown[] {
    return [...this.firstValues];
  }

  /** Per change in `[from, to)`, its acknowledgement and arrivals (same clock as recorded; NaN where none arrived). */
  timeline(from = 0, to = this.keys.length): ChangeTimeline[] {
    const result: ChangeTimeline[] = [];
    for (let change = from; change < to; change += 1) {
      const arrivals = this.arrivals.slice(change * this.clients, (change + 1) * this.clients).filter((at) => !Number.isNaN(at));
      arrivals.sort();
      result.push({
        committed: this.committed[change] as number,
        first: arrivals.length ? (arrivals[0] as number) : Number.NaN,
        median: percentile(arrivals, 0.5),
        last: arrivals.length ? (arrivals[arrivals.length - 1] as number) : Number.NaN,
        clients: arrivals.length,
      });
    }
    return result;
  }

  /** The figures over the changes in `[from, to)` (warm-up changes are left out by the caller). */
  summary(from = 0, to = this.keys.length): DeliverySummary {
    const latencies: number[] = [];
    const missingClients = new Set<number>();
    for (let change = from; change < to; change += 1) {
      const committed = this.committed[change] as number;
      for (let client = 0; client < this.clients; client += 1) {
        const at = this.arrivals[change * this.clients + client] as number;
        if (Number.isNaN(at)) {
          missingClients.add(client);
        } else {
          latencies.push(at - committed);
        }
      }
    }
    const expected = (to - from) * this.clients;
    return {
      expected,
      received: latencies.length,
      lost: expected - latencies.length,
      duplicates: this.duplicateCount,
      unexpected: this.unexpectedCount,
      clientsMissingEvents: missingClients.size,
      latencyMs: summarise(Float64Array.from(latencies)),
    };
  }
}
