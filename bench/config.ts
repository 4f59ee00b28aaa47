/** The benchmark's settings (defaults: the 1,000 subscribers × 100 changes). */
export interface BenchConfig {
  /** Concurrent graphql-ws clients on one alliance (BENCH_SUBSCRIBERS, default 1000). */
  readonly subscribers: number;
  /** Measured changes (BENCH_CHANGES, default 100). */
  readonly changes: number;
  /** Rounds per server, alternating hub and baseline; figures are medians over rounds (BENCH_ROUNDS, default 5). */
  readonly rounds: number;
  /** Changes published before the measurement; the last must reach every client (BENCH_WARMUP, default 3). */
  readonly warmup: number;
  /** Earliest start of a publish after the previous one's start; publishes never overlap (BENCH_INTERVAL_MS, default 50). */
  readonly intervalMs: number;
  /** How long after the last publish missing events are still awaited before they count as lost (BENCH_DEADLINE_MS, default 30000). */
  readonly deadlineMs: number;
  /** Clients connecting at once (BENCH_CONNECT_BATCH, default 50). */
  readonly connectBatch: number;
  /** The hub's gateway port; its subgraphs take the next five (BENCH_HUB_PORT, default 4500). */
  readonly hubPort: number;
  /** The baseline server's port (BENCH_BASELINE_PORT, default 4600). */
  readonly baselinePort: number;
  /** Embedded PostgreSQL's port when DATABASE_URL is not set (BENCH_POSTGRES_PORT, default 14500: below the ephemeral port range). */
  readonly postgresPort: number;
  /** A PostgreSQL server (its `postgres` database URL) to use instead of embedded PostgreSQL (DATABASE_URL). */
  readonly databaseUrl: string | undefined;
  /** Print the services' output (BENCH_LOG=1). */
  readonly log: boolean;
}

/** An integer setting from the environment; throws naming the variable when it is not one ≥ `min`. */
export function integer(source: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = source[name];
  if (raw === undefined || raw === '') {
    return fallback;
  }
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`Invalid environment: ${name} must be an integer ≥ ${min}, not "${raw}"`);
  }
  return value;
}

/** Reads the settings from the environment once; throws naming an invalid variable. */
export function readBenchConfig(source: NodeJS.ProcessEnv = process.env): BenchConfig {
  return Object.freeze({
    subscribers: integer(source, 'BENCH_SUBSCRIBERS', 1000, 1),
    changes: integer(source, 'BENCH_CHANGES', 100, 1),
    rounds: integer(source, 'BENCH_ROUNDS', 5, 1),
    warmup: integer(source, 'BENCH_WARMUP', 3, 1),
    intervalMs: integer(source, 'BENCH_INTERVAL_MS', 50, 0),
    deadlineMs: integer(source, 'BENCH_DEADLINE_MS', 30_000, 1),
    connectBatch: integer(source, 'BENCH_CONNECT_BATCH', 50, 1),
    hubPort: integer(source, 'BENCH_HUB_PORT', 4500, 1),
    baselinePort: integer(source, 'BENCH_BASELINE_PORT', 4600, 1),
    postgresPort: integer(source, 'BENCH_POSTGRES_PORT', 14500, 1),
    databaseUrl: source.DATABASE_URL || undefined,
    log: Boolean(source.BENCH_LOG),
  });
}
