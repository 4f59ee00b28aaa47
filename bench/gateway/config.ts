import { integer } from '../config.ts';

/** `pnpm bench:gateway`'s settings, read once from the environment and the command line. */
export interface GatewayBenchConfig {
  /** `--sizes` or BENCH_SIZES=1: the joint list's page latency against its size, the hub's gateway only. */
  readonly mode: 'throughput' | 'sizes';
  /** BENCH_QUICK=1: a smoke run, every gateway but short runs (1 round, 3 s, 1 s warm-up). */
  readonly quick: boolean;
  /** Rounds over all gateways, in a rotated order each time (BENCH_ROUNDS, default 2; quick 1). */
  readonly rounds: number;
  /** Measured seconds per gateway and workload (BENCH_DURATION_S, default 10; quick 3). */
  readonly durationSeconds: number;
  /** Unmeasured load before each measured run (BENCH_WARMUP_S, default 3; quick 1). */
  readonly warmupSeconds: number;
  /** Concurrent connections of the load generator (BENCH_CONNECTIONS, default 20). */
  readonly connections: number;
  /** Published items added to the highway alliance's joint list (BENCH_ITEMS, default 300). */
  readonly items: number;
  /** Sizes mode: the list sizes measured (BENCH_SIZES_ITEMS, default 300,1000,20000). */
  readonly sizes: readonly number[];
  /** Sizes mode: sequential requests per case (BENCH_SIZES_REQUESTS, default 50; quick 15). */
  readonly sizesRequests: number;
  /**
   * The hub's port (BENCH_GATEWAY_PORT, default 4800): its subgraphs take the next five, the
   * gateways under test port + 10 onwards.
   */
  readonly port: number;
  /** Embedded PostgreSQL's port when DATABASE_URL is not set (BENCH_POSTGRES_PORT, default 14800). */
  readonly postgresPort: number;
  /** A PostgreSQL server (its `postgres` database URL) to use instead of embedded PostgreSQL (DATABASE_URL). */
  readonly databaseUrl: string | undefined;
  /** Print the services' output (BENCH_LOG=1). */
  readonly log: boolean;
}

function sizesOf(raw: string | undefined): number[] {
  if (!raw) {
    return [300, 1000, 20_000];
  }
  const sizes = raw.split(',').map((part) => Number(part.trim()));
  if (sizes.some((size) => !Number.isInteger(size) || size < 1)) {
    throw new Error(`Invalid environment: BENCH_SIZES_ITEMS must be whole numbers ≥ 1 separated by commas, not "${raw}"`);
  }
  return sizes;
}

/** Reads the settings; throws naming an invalid variable. */
export function readGatewayBenchConfig(
  source: NodeJS.ProcessEnv = process.env,
  argv: readonly string[] = process.argv,
): GatewayBenchConfig {
  const quick = source.BENCH_QUICK === '1';
  return Object.freeze({
    mode: argv.includes('--sizes') || source.BENCH_SIZES === '1' ? 'sizes' : 'throughput',
    quick,
    rounds: integer(source, 'BENCH_ROUNDS', quick ? 1 : 2, 1),
    durationSeconds: integer(source, 'BENCH_DURATION_S', quick ? 3 : 10, 1),
    warmupSeconds: integer(source, 'BENCH_WARMUP_S', quick ? 1 : 3, 0),
    connections: integer(source, 'BENCH_CONNECTIONS', 20, 1),
    items: integer(source, 'BENCH_ITEMS', 300, 1),
    sizes: sizesOf(source.BENCH_SIZES_ITEMS),
    sizesRequests: integer(source, 'BENCH_SIZES_REQUESTS', quick ? 15 : 50, 1),
    port: integer(source, 'BENCH_GATEWAY_PORT', 4800, 1),
    postgresPort: integer(source, 'BENCH_POSTGRES_PORT', 14800, 1),
    databaseUrl: source.DATABASE_URL || undefined,
    log: Boolean(source.BENCH_LOG),
  } satisfies GatewayBenchConfig);
}
