import { type RunningStack, repoRoot, startStack } from '@hub/testkit';

export interface BenchStackOptions {
  /** Names the run's databases (`hub_<name>_*`) and embedded PostgreSQL's folder (`.data/<name>-pg`). */
  readonly name: string;
  /** The gateway's port; the subgraphs take the next five. */
  readonly port: number;
  /** Embedded PostgreSQL's port when no server is given. */
  readonly postgresPort: number;
  /** A PostgreSQL server's `postgres` database URL, to use instead of embedded PostgreSQL. */
  readonly databaseUrl: string | undefined;
  /** Print the services' output. */
  readonly log: boolean;
  /** Extra environment for every process of the hub. */
  readonly env?: Record<string, string>;
}

/** Embedded PostgreSQL's data folder for a run named `name`. */
export function benchDataDir(name: string): string {
  return `${repoRoot}.data/${name}-pg`;
}

/**
 * Starts the whole hub with fresh, seeded databases. Embedded PostgreSQL gets its own folder,
 * not the tests' `.data/pg` cluster, which a start there would shut down.
 */
export function startBenchStack(options: BenchStackOptions): Promise<RunningStack> {
  return startStack({
    port: options.port,
    databasePrefix: `hub_${options.name}_`,
    fresh: true,
    databaseUrl: options.databaseUrl,
    dataDir: benchDataDir(options.name),
    postgresPort: options.postgresPort,
    // Every client of a kind shares one demo user's token; the bench measures load, not the rate limit.
    env: { HUB_RATE_LIMIT_PER_MINUTE: '10000000', ...options.env },
    log: options.log ? (line) => console.log(line) : undefined,
  });
}
