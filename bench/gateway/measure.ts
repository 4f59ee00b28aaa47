import { subgraphServices } from '@hub/testkit';
import { metricsUrl, readMetrics } from '../metrics.ts';
import { processTreeCpuSeconds, sampleProcess } from '../process-stats.ts';

/** Cumulative counters of the processes serving a gateway's requests, at one moment. */
export interface Snapshot {
  readonly gatewayCpuSeconds: number;
  /** Sum over the subgraph processes. */
  readonly subgraphCpuSeconds: number;
  /** The PostgreSQL server's processes (postmaster and its children); NaN when not on this machine. */
  readonly postgresCpuSeconds: number;
  /** GraphQL calls the subgraphs received over HTTP (hub_graphql_requests_total, summed). */
  readonly subgraphCalls: number;
  /** SQL statements the subgraphs ran (hub_sql_statements_total, summed). */
  readonly sqlStatements: number;
}

/** Where the processes behind one gateway's requests are. */
export interface Targets {
  readonly gatewayPid: number;
  /** Subgraph name → its process id. */
  readonly subgraphPids: Record<string, number>;
  /** Subgraph name → its /graphql URL. */
  readonly subgraphUrls: Record<string, string>;
  readonly postmasterPid: number | null;
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/** Reads every counter once (/proc and the subgraphs' /metrics). */
export async function snapshot(targets: Targets): Promise<Snapshot> {
  const names = subgraphServices.map((service) => service.name);
  const [gateway, subgraphs, metrics, postgres] = await Promise.all([
    sampleProcess(targets.gatewayPid),
    Promise.all(names.map((name) => sampleProcess(targets.subgraphPids[name] ?? 0))),
    Promise.all(names.map((name) => readMetrics(metricsUrl(targets.subgraphUrls[name] ?? '')))),
    targets.postmasterPid === null ? Number.NaN : processTreeCpuSeconds(targets.postmasterPid),
  ]);
  return {
    gatewayCpuSeconds: gateway.cpuSeconds,
    subgraphCpuSeconds: sum(subgraphs.map((sample) => sample.cpuSeconds)),
    postgresCpuSeconds: postgres,
    subgraphCalls: sum(metrics.map((values) => values.hub_graphql_requests_total ?? Number.NaN)),
    sqlStatements: sum(metrics.map((values) => values.hub_sql_statements_total ?? Number.NaN)),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until the requests the load generator left in flight are done: no new subgraph call and
 * under 10 ms of gateway CPU over 250 ms (at most 10 s). Returns the last snapshot.
 */
export async function settled(targets: Targets): Promise<Snapshot> {
  let last = await snapshot(targets);
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    await sleep(250);
    const next = await snapshot(targets);
    const quiet = next.subgraphCalls === last.subgraphCalls && next.gatewayCpuSeconds - last.gatewayCpuSeconds < 0.01;
    last = next;
    if (quiet) {
      break;
    }
  }
  return last;
}
