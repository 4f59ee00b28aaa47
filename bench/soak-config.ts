import { integer } from './config.ts';

/** The soak's settings (README.md beside this file, "Soak"). */
export interface SoakConfig {
  /** How long the mixed load runs (SOAK_MINUTES, default 10). */
  readonly minutes: number;
  /** Live subscribers at any time, long-lived ones included (SOAK_SUBSCRIBERS, default 1000). */
  readonly subscribers: number;
  /** Of those, how many stay connected the whole run; their deliveries are checked (SOAK_CORE, default 20). */
  readonly core: number;
  /** The other subscribers each live this long, uniformly, then leave and resume (SOAK_LIFETIME_MIN_S 10, SOAK_LIFETIME_MAX_S 60). */
  readonly lifetimeSeconds: readonly [number, number];
  /** Of the subscribers leaving, this share is replaced by a new one starting from `Alliance.liveCursor` (SOAK_FRESH_PERCENT, default 20). */
  readonly freshPercent: number;
  /** Concurrent HTTP clients running the joint-list query (SOAK_QUERY_CLIENTS, default 4). */
  readonly queryClients: number;
  /** Pause between one client's queries (SOAK_QUERY_PAUSE_MS, default 100). */
  readonly queryPauseMs: number;
  /** Publishes, progress reports and completions per second, spread over the partner editors (SOAK_WRITES_PER_SECOND, default 3). */
  readonly writesPerSecond: number;
  /** Memory sampling interval (SOAK_SAMPLE_SECONDS, default 10). */
  readonly sampleSeconds: number;
  /** Clients connecting at once while the subscribers first come up (SOAK_CONNECT_BATCH, default 50). */
  readonly connectBatch: number;
  /** The gateway's port; its subgraphs take the next five (SOAK_PORT, default 4700: no test's, nor `pnpm bench`'s 4500 and 4600). */
  readonly port: number;
  /** Embedded PostgreSQL's port when DATABASE_URL is not set (SOAK_POSTGRES_PORT, default 14700). */
  readonly postgresPort: number;
  /** A PostgreSQL server (its `postgres` database URL) to use instead of embedded PostgreSQL (DATABASE_URL). */
  readonly databaseUrl: string | undefined;
  /** Print the services' output (SOAK_LOG=1). */
  readonly log: boolean;
}

/** Reads the settings from the environment once; throws naming an invalid variable. */
export function readSoakConfig(source: NodeJS.ProcessEnv = process.env): SoakConfig {
  const subscribers = integer(source, 'SOAK_SUBSCRIBERS', 1000, 1);
  const core = integer(source, 'SOAK_CORE', 20, 2);
  if (core > subscribers) {
    throw new Error(`Invalid environment: SOAK_CORE (${core}) must not exceed SOAK_SUBSCRIBERS (${subscribers})`);
  }
  const lifetimeMin = integer(source, 'SOAK_LIFETIME_MIN_S', 10, 1);
  return Object.freeze({
    minutes: integer(source, 'SOAK_MINUTES', 10, 1),
    subscribers,
    core,
    lifetimeSeconds: [lifetimeMin, integer(source, 'SOAK_LIFETIME_MAX_S', 60, lifetimeMin)] as const,
    freshPercent: integer(source, 'SOAK_FRESH_PERCENT', 20, 0),
    queryClients: integer(source, 'SOAK_QUERY_CLIENTS', 4, 0),
    queryPauseMs: integer(source, 'SOAK_QUERY_PAUSE_MS', 100, 0),
    writesPerSecond: integer(source, 'SOAK_WRITES_PER_SECOND', 3, 1),
    sampleSeconds: integer(source, 'SOAK_SAMPLE_SECONDS', 10, 1),
    connectBatch: integer(source, 'SOAK_CONNECT_BATCH', 50, 1),
    port: integer(source, 'SOAK_PORT', 4700, 1),
    postgresPort: integer(source, 'SOAK_POSTGRES_PORT', 14700, 1),
    databaseUrl: source.DATABASE_URL || undefined,
    log: Boolean(source.SOAK_LOG),
  });
}
