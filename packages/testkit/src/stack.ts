import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { kindNames } from '@hub/kinds';
import { discoverKinds } from '@hub/kinds/discover';
import {
  cutOffDatabases,
  databaseUrl,
  dropDatabases,
  type EmbeddedPostgresServer,
  ensureDatabases,
  startEmbeddedPostgres,
} from './postgres.ts';
import { type ServiceProcess, startServiceProcess } from './processes.ts';

/** The repository's root folder. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** The gateway's development port: a subgraph's port offset is its development port minus this. */
const devGatewayPort = 4000;

export interface SubgraphService {
  /** Its folder under `services/` and its subgraph name. */
  readonly name: string;
  readonly database: string;
  /** Its port is the gateway's plus this. */
  readonly offset: number;
}

/**
 * The subgraphs, in start order, with their database name and port offset from the gateway's:
 * the alliance (port 4001 in development), then every kind folder (`services/<name>/src/kind.ts`)
 * at its own `port`. A new kind folder is started with the others.
 */
export const subgraphServices: readonly SubgraphService[] = [
  { name: 'alliance', database: 'alliance', offset: 1 },
  ...(await discoverKinds()).map((kind) => ({
    name: kind.name,
    database: kindNames(kind.name).database,
    offset: kind.port - devGatewayPort,
  })),
];
/** A subgraph's name: `alliance` or a kind folder's. */
export type SubgraphName = string;
/** Subgraph name → a value; the alliance's is always there. */
export type BySubgraph = Readonly<{ alliance: string } & Record<SubgraphName, string>>;
/** A process of the stack: the gateway or one subgraph. */
export type ServiceName = SubgraphName | 'gateway';

/** How the stack's PostgreSQL is made unavailable for a while (see `RunningStack.postgresOutage`). */
export type PostgresOutageKind = 'immediate-stop' | 'cut-off';

export interface StackOptions {
  /** A PostgreSQL server to use (its `postgres` database URL). Default: embedded PostgreSQL. */
  readonly databaseUrl?: string;
  /** Embedded PostgreSQL's data folder. Default `<repo>/.data/pg`. */
  readonly dataDir?: string;
  /** Embedded PostgreSQL's port. Default 15432 (below the ephemeral range, so no outgoing connection holds it). */
  readonly postgresPort?: number;
  /** The gateway's port; each subgraph listens on it plus its offset (`subgraphServices`). Default 4000. */
  readonly port?: number;
  /** Prefix of the databases' names, e.g. `hub_test_`. Default none. */
  readonly databasePrefix?: string;
  /** Drop the databases first. Default false. */
  readonly fresh?: boolean;
  /** Seed the demo data into empty databases. Default true. */
  readonly seed?: boolean;
  /**
   * Where each service's private key file is (`<name>.jwks.json`; created on first start in
   * development). Default `<repo>/.data/keys`.
   */
  readonly keysDir?: string;
  /** Extra environment for every process (limits, secrets). */
  readonly env?: Record<string, string>;
  /** The built web app to serve at `/`. */
  readonly webDist?: string;
  /**
   * Run the compiled output (`pnpm build`: `<folder>/dist/index.js`) with plain Node instead of
   * the TypeScript sources through the tsx loader. Default false. Throws when a process has no output.
   */
  readonly compiled?: boolean;
  /** Where the services' output goes. Default: nowhere. */
  readonly log?: (line: string) => void;
}

export interface RunningStack {
  readonly gatewayUrl: string;
  /** Subgraph name → its /graphql URL. */
  readonly subgraphUrls: BySubgraph;
  /** Subgraph name → its database URL. */
  readonly databaseUrls: BySubgraph;
  /** The folder of the services' key files (`gateway.jwks.json`, `<kind>.jwks.json`). */
  readonly keysDir: string;
  /** Stops one subgraph or the gateway gracefully (SIGTERM), to test partial failure and outages. */
  stopService(name: ServiceName): Promise<void>;
  /** Kills one subgraph or the gateway with SIGKILL (no graceful shutdown) and waits until it is gone. */
  killService(name: ServiceName): Promise<void>;
  /** Starts a stopped or killed subgraph (or the gateway) again, on the same port. */
  startService(name: ServiceName): Promise<void>;
  /** Process name (`gateway` or a subgraph's name) → the id of its running Node process. */
  processIds(): Record<string, number>;
  /** Names of the processes that exited on their own (crashed), i.e. not stopped or killed through the stack. */
  exitedProcesses(): string[];
  /** The PostgreSQL server the stack uses. */
  readonly postgres: {
    /** `postgres://` URL of its `postgres` database. */
    readonly serverUrl: string;
    /** Whether the stack started it (embedded) or was given it (DATABASE_URL: shared, never stopped). */
    readonly embedded: boolean;
    /** The names of the stack's databases on it. */
    readonly databases: string[];
    /** Embedded only (throws otherwise): stops it at once, like `pg_ctl stop -m immediate`. */
    stopImmediately(): Promise<void>;
    /** Embedded only (throws otherwise): starts it again on the same data folder and port. */
    restart(): Promise<void>;
  };
  /**
   * Makes PostgreSQL unavailable to the hub for `durationMs`, then available again. Embedded: an
   * immediate stop, a wait, a start (crash recovery). External (DATABASE_URL, shared with others,
   * so never stopped): the stack's databases refuse connections and their backends are
   * terminated over and over for the whole time (`cutOffDatabases`). Returns which was done.
   */
  postgresOutage(durationMs: number): Promise<PostgresOutageKind>;
  /** Stops the gateway, the partner subgraphs, the alliance and embedded PostgreSQL, in that order. */
  stop(): Promise<void>;
}

/**
 * Starts the whole hub: PostgreSQL (embedded unless `databaseUrl` is given), one database per
 * subgraph, the subgraphs (each migrating its database and seeding it when empty) and the
 * gateway, each in its own process. If anything fails to start, what started is stopped again.
 */
export async function startStack(options: StackOptions = {}): Promise<RunningStack> {
  const log = options.log ?? (() => {});
  const entry = (folder: string) => (options.compiled ? `${folder}/dist/index.js` : `${folder}/src/index.ts`);
  if (options.compiled) {
    const missing = ['gateway', ...subgraphServices.map((s) => `services/${s.name}`)]
      .map(entry)
      .filter((file) => !existsSync(`${repoRoot}${file}`));
    if (missing.length > 0) {
      throw new Error(`No compiled output at ${missing.join(', ')}: run \`pnpm build\` first`);
    }
  }
  const gatewayPort = options.port ?? 4000;
  let postgres: EmbeddedPostgresServer | null = null;
  const processes = new Map<string, ServiceProcess>();
  // Gateway first (no new requests), then the partner subgraphs (their relays and membership
  // checks call the alliance), then the alliance, then PostgreSQL; one failure does not keep the
  // others running.
  const stopAll = async () => {
    const stages = [
      [processes.get('gateway')],
      [...processes].filter(([name]) => name !== 'gateway' && name !== 'alliance').map(([, service]) => service),
      [processes.get('alliance')],
    ];
    const results: PromiseSettledResult<void>[] = [];
    for (const stage of stages) {
      results.push(...(await Promise.allSettled(stage.map((service) => service?.stop()))));
    }
    processes.clear();
    results.push(...(await Promise.allSettled([postgres?.stop()])));
    postgres = null;
    const failed = results.find((result) => result.status === 'rejected');
    if (failed) {
      throw (failed as PromiseRejectedResult).reason;
    }
  };

  try {
    let serverUrl = options.databaseUrl;
    if (!serverUrl) {
      postgres = await startEmbeddedPostgres({
        dataDir: options.dataDir ?? `${repoRoot}.data/pg`,
        port: options.postgresPort ?? 15432,
        log,
      });
      serverUrl = postgres.url;
    }
    const prefix = options.databasePrefix ?? '';
    const names = subgraphServices.map((s) => `${prefix}${s.database}`);
    if (options.fresh) {
      await dropDatabases(serverUrl, names);
    }
    await ensureDatabases(serverUrl, names);

    const databaseUrls = Object.fromEntries(
      subgraphServices.map((s) => [s.name, databaseUrl(serverUrl, `${prefix}${s.database}`)]),
    ) as BySubgraph;
    const subgraphUrls = Object.fromEntries(
      subgraphServices.map((s) => [s.name, `http://127.0.0.1:${gatewayPort + s.offset}/graphql`]),
    ) as BySubgraph;
    const keysDir = options.keysDir ?? `${repoRoot}.data/keys`;
    const shared = {
      // Each signer its own key file; the subgraphs believe the keys the gateway publishes, and
      // the alliance each kind's relay keys where that kind's subgraph publishes them.
      HUB_GATEWAY_KEYS_URL: `http://127.0.0.1:${gatewayPort}/.well-known/jwks.json`,
      HUB_KIND_KEYS_URL_TEMPLATE: 'http://127.0.0.1:{port}/.well-known/jwks.json',
      ...options.env,
      // Libraries read NODE_ENV (Apollo's defaults, graphql-js's checks): every process gets the
      // hub's mode, never whatever the launcher happens to hold (vitest's `test`, a build's `production`).
      // (The services themselves refuse a HUB_ENV other than development or production.)
      NODE_ENV: options.env?.HUB_ENV ?? process.env.HUB_ENV ?? 'development',
      HUB_SEED: options.seed === false ? '' : 'demo',
      ALLIANCE_INTERNAL_URL: `http://127.0.0.1:${gatewayPort + 1}`,
    };
    const startSubgraph = async (name: SubgraphName) => {
      const service = subgraphServices.find((s) => s.name === name);
      if (!service) {
        throw new Error(`Unknown subgraph ${name}`);
      }
      const port = gatewayPort + service.offset;
      const database = databaseUrl(serverUrl, `${prefix}${service.database}`);
      processes.set(
        name,
        await startServiceProcess({
          name,
          entry: entry(`services/${name}`),
          cwd: repoRoot,
          port,
          env: { HUB_SIGNING_KEYS: `${keysDir}/${name}.jwks.json`, ...shared, PORT: String(port), DATABASE_URL: database },
          log,
        }),
      );
    };
    // The alliance first, so the partners' relays find it; then the rest in parallel.
    await startSubgraph('alliance');
    // The gateway needs only the supergraph file to start, so it starts beside the partners.
    const startGateway = async () => {
      processes.set(
        'gateway',
        await startServiceProcess({
          name: 'gateway',
          entry: entry('gateway'),
          cwd: repoRoot,
          port: gatewayPort,
          env: {
            HUB_SIGNING_KEYS: `${keysDir}/gateway.jwks.json`,
            ...shared,
            PORT: String(gatewayPort),
            // Each subgraph at the gateway's port plus its offset, as the supergraph's URLs are around 4000.
            HUB_SUBGRAPH_URL_TEMPLATE: 'http://127.0.0.1:{port}/graphql',
            ...(options.webDist ? { HUB_WEB_DIST: options.webDist } : {}),
          },
          log,
        }),
      );
    };
    // Let every start finish before judging, so a failure cleans up all that came up.
    const started = await Promise.allSettled([...subgraphServices.slice(1).map((s) => startSubgraph(s.name)), startGateway()]);
    const failure = started.find((result) => result.status === 'rejected');
    if (failure) {
      throw (failure as PromiseRejectedResult).reason;
    }
    // Processes stopped or killed on purpose: their exit is not a crash.
    const retired = new Set<ServiceProcess>();
    const crashed = new Set<string>();
    const watch = () => {
      for (const [name, service] of processes) {
        if (!service.alive() && !retired.has(service)) {
          crashed.add(name);
        }
      }
    };
    const retire = async (name: ServiceName, how: 'stop' | 'kill') => {
      watch();
      const service = processes.get(name);
      if (service) {
        retired.add(service);
        await (how === 'stop' ? service.stop() : service.kill());
        processes.delete(name);
      }
    };
    const embedded = () => {
      if (!postgres) {
        throw new Error('The stack uses an external PostgreSQL (DATABASE_URL), which it must not stop');
      }
      return postgres;
    };
    const server = serverUrl;
    return {
      gatewayUrl: `http://127.0.0.1:${gatewayPort}/graphql`,
      subgraphUrls,
      databaseUrls,
      keysDir,
      stopService: (name) => retire(name, 'stop'),
      killService: (name) => retire(name, 'kill'),
      async startService(name) {
        watch();
        await (name === 'gateway' ? startGateway() : startSubgraph(name));
      },
      processIds: () => Object.fromEntries([...processes].map(([name, service]) => [name, service.pid])),
      exitedProcesses() {
        watch();
        return [...crashed];
      },
      postgres: {
        serverUrl: server,
        embedded: postgres !== null,
        databases: names,
        stopImmediately: () => embedded().stopImmediately(),
        restart: () => embedded().restart(),
      },
      async postgresOutage(durationMs) {
        if (postgres) {
          await postgres.stopImmediately();
          try {
            await new Promise((resolve) => setTimeout(resolve, durationMs));
          } finally {
            await postgres.restart();
          }
          return 'immediate-stop';
        }
        await cutOffDatabases(server, names, durationMs);
        return 'cut-off';
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
