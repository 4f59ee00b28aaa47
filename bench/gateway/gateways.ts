import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BySubgraph, repoRoot, type ServiceProcess, startServiceProcess } from '@hub/testkit';
import { supergraphFor } from '../../test/support/replicas.ts';

/** One gateway under test: how to start it and what to call it. */
export interface GatewaySpec {
  /** Its label in the tables. */
  readonly name: string;
  /** The hub's own gateway (not a peer). */
  readonly hub: boolean;
  /** Its entry point, from the repository's root. */
  readonly entry: string;
  /** Its own settings, beside the port, supergraph and secret every gateway gets. */
  readonly env: Record<string, string>;
}

const hubEntry = 'gateway/src/index.ts';
const hiveEntry = 'bench/gateway/peers/hive.ts';

/**
 * The hub's gateway with its response cache off and on (HUB_RESPONSE_CACHE), identical reads in
 * flight sharing one execution in both (HUB_SHARE_IN_FLIGHT, its default); and with neither, the
 * gateway's own cost for every request.
 */
export const hubCacheOff: GatewaySpec = {
  name: 'hub (cache off)',
  hub: true,
  entry: hubEntry,
  env: { HUB_RESPONSE_CACHE: 'off', HUB_SHARE_IN_FLIGHT: 'on' },
};
export const hubCacheOn: GatewaySpec = {
  name: 'hub (cache on)',
  hub: true,
  entry: hubEntry,
  env: { HUB_RESPONSE_CACHE: 'on', HUB_SHARE_IN_FLIGHT: 'on' },
};
export const hubUnshared: GatewaySpec = {
  name: 'hub (cache off, sharing off)',
  hub: true,
  entry: hubEntry,
  env: { HUB_RESPONSE_CACHE: 'off', HUB_SHARE_IN_FLIGHT: 'off' },
};
/** The peers' label the ratios are taken against. */
export const stockApolloName = 'stock Apollo';

/** Every gateway `pnpm bench:gateway` compares, the hub's first. */
export const gatewaySpecs: readonly GatewaySpec[] = [
  hubCacheOff,
  hubCacheOn,
  hubUnshared,
  { name: stockApolloName, hub: false, entry: 'bench/gateway/peers/apollo.ts', env: {} },
  { name: 'Hive Gateway', hub: false, entry: hiveEntry, env: { BENCH_HIVE_PLANNER: 'js', BENCH_HIVE_DEDUP: 'on' } },
  { name: 'Hive Gateway, dedup off', hub: false, entry: hiveEntry, env: { BENCH_HIVE_PLANNER: 'js', BENCH_HIVE_DEDUP: 'off' } },
  { name: 'Hive + Rust planner', hub: false, entry: hiveEntry, env: { BENCH_HIVE_PLANNER: 'rust', BENCH_HIVE_DEDUP: 'on' } },
  { name: 'Hive + Rust planner, dedup off', hub: false, entry: hiveEntry, env: { BENCH_HIVE_PLANNER: 'rust', BENCH_HIVE_DEDUP: 'off' } },
];

/** A gateway under test, running in its own process. */
export interface RunningGateway {
  readonly spec: GatewaySpec;
  readonly url: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/**
 * Starts the gateways one after another on consecutive ports from `firstPort`, each in its own
 * Node process, all on the same supergraph (written to a temporary file) and gateway key file. The
 * hub's gateway gets no limit on the request rate (every client here is one anonymous address).
 * If one fails to start, those started are stopped again.
 */
export async function startGateways(options: {
  specs: readonly GatewaySpec[];
  firstPort: number;
  subgraphUrls: BySubgraph;
  /** The hub gateway's key file, which every gateway measured signs with. */
  keysFile: string;
  log: (line: string) => void;
}): Promise<{ gateways: RunningGateway[]; stop: () => Promise<void> }> {
  const folder = mkdtempSync(join(tmpdir(), 'hub-bench-gateway-'));
  const supergraphPath = join(folder, 'supergraph.graphql');
  writeFileSync(supergraphPath, supergraphFor(options.subgraphUrls));
  const started: { spec: GatewaySpec; process: ServiceProcess }[] = [];
  const stop = async () => {
    await Promise.allSettled(started.map((gateway) => gateway.process.stop()));
    started.length = 0;
    rmSync(folder, { recursive: true, force: true });
  };
  try {
    for (const [i, spec] of options.specs.entries()) {
      const port = options.firstPort + i;
      const process = await startServiceProcess({
        name: spec.name,
        entry: spec.entry,
        cwd: repoRoot,
        port,
        env: {
          ...spec.env,
          PORT: String(port),
          HUB_SUPERGRAPH_PATH: supergraphPath,
          HUB_SIGNING_KEYS: options.keysFile,
          HUB_RATE_LIMIT_PER_MINUTE: '1000000000',
        },
        log: options.log,
      });
      started.push({ spec, process });
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    gateways: started.map(({ spec, process }) => ({
      spec,
      url: `http://127.0.0.1:${process.port}/graphql`,
      pid: process.pid,
      stop: () => process.stop(),
    })),
    stop,
  };
}
