import { join } from 'node:path';
import { demo } from '@hub/contracts';
import { type RunningStack, subgraphServices } from '@hub/testkit';
import { seedLargeAlliance } from '../../test/support/bulk.ts';
import { median } from '../figures.ts';
import { sampleProcess } from '../process-stats.ts';
import type { GatewayBenchConfig } from './config.ts';
import { gatewaySpecs, type RunningGateway, startGateways } from './gateways.ts';
import { type LoadResult, runLoad } from './load.ts';
import { settled, type Targets } from './measure.ts';
import { postmasterPid, vacuumAnalyze } from './postgres.ts';
import { startSubgraphsOnly } from './stack.ts';
import { canonicalJson, jointListWorkload, smallWorkload, type Workload } from './workloads.ts';

/** One measured run: one gateway, one workload, one round. */
export interface RunFigures {
  readonly round: number;
  /** Its place in the round's order (1 = first). */
  readonly position: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Per request sent (the gateways also finish those the load generator left in flight). */
  readonly gatewayCpuMsPerRequest: number;
  readonly subgraphCpuMsPerRequest: number;
  readonly postgresCpuMsPerRequest: number;
  readonly subgraphCallsPerRequest: number;
  readonly sqlStatementsPerRequest: number;
  /** VmRSS of the gateway process right after the run. */
  readonly rssBytes: number;
  /** The load generator's (this process's) CPU per request. */
  readonly clientCpuMsPerRequest: number;
  readonly load: LoadResult;
}

/** The figures the table shows, medians over rounds. */
export const metricNames = [
  'requestsPerSecond',
  'p50Ms',
  'p99Ms',
  'gatewayCpuMsPerRequest',
  'subgraphCpuMsPerRequest',
  'postgresCpuMsPerRequest',
  'subgraphCallsPerRequest',
  'rssBytes',
] as const;
export type MetricName = (typeof metricNames)[number];
/** Higher is better only for throughput. */
export const higherIsBetter: Record<MetricName, boolean> = {
  requestsPerSecond: true,
  p50Ms: false,
  p99Ms: false,
  gatewayCpuMsPerRequest: false,
  subgraphCpuMsPerRequest: false,
  postgresCpuMsPerRequest: false,
  subgraphCallsPerRequest: false,
  rssBytes: false,
};

/** One gateway's results on one workload. */
export interface GatewayWorkloadResult {
  readonly gateway: string;
  readonly hub: boolean;
  readonly runs: RunFigures[];
  readonly medians: Record<MetricName, number>;
}

/** Everything a throughput run measured, before the report adds ratios. */
export interface ThroughputResults {
  readonly items: number;
  readonly order: string[][];
  /** Workload name → the answer's items, the same at every gateway. */
  readonly itemsPerAnswer: Record<string, number>;
  readonly results: Record<string, GatewayWorkloadResult[]>;
  readonly failures: string[];
}

const progress = (line: string) => console.log(`· ${line}`);

/** `items` rotated left by `by`. */
function rotated<T>(items: readonly T[], by: number): T[] {
  const shift = by % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}

/**
 * Asks every gateway once for `workload` and checks that each answers without errors, with data
 * equal to the first gateway's (key order aside). Returns the answer's item count, or the problems.
 */
async function checkAnswers(gateways: readonly RunningGateway[], workload: Workload): Promise<{ items: number; problems: string[] }> {
  const problems: string[] = [];
  let reference: { gateway: string; data: string; items: number } | null = null;
  for (const gateway of gateways) {
    const response = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: workload.body });
    const text = await response.text();
    let body: { data?: Record<string, any>; errors?: unknown[] };
    try {
      body = JSON.parse(text);
    } catch {
      problems.push(`${gateway.spec.name}, ${workload.name}: not JSON (${response.status}): ${text.slice(0, 300)}`);
      continue;
    }
    if (!response.ok || body.errors?.length || !body.data) {
      problems.push(`${gateway.spec.name}, ${workload.name}: ${response.status} ${JSON.stringify(body.errors ?? body).slice(0, 500)}`);
      continue;
    }
    const data = canonicalJson(body.data);
    const items = workload.itemsOf(body.data);
    if (!reference) {
      reference = { gateway: gateway.spec.name, data, items };
    } else if (data !== reference.data) {
      problems.push(
        `${gateway.spec.name}, ${workload.name}: its answer (${items} items) differs from ${reference.gateway}'s (${reference.items} items)`,
      );
    }
  }
  return { items: reference?.items ?? 0, problems };
}

/** The problems of one load run, as failure lines. */
function loadProblems(gateway: string, workload: string, what: string, load: LoadResult): string[] {
  const { errors, timeouts, non2xx, wrongAnswers } = load.failures;
  if (!errors && !timeouts && !non2xx && !wrongAnswers) {
    return [];
  }
  const example = load.firstWrongAnswer ? ` (the first: ${load.firstWrongAnswer})` : '';
  return [
    `${gateway}, ${workload}, ${what}: ${errors} connection errors, ${timeouts} timeouts, ${non2xx} non-2xx answers, ${wrongAnswers} answers with errors or the wrong item count${example}`,
  ];
}

/**
 * Starts the hub's subgraphs on fresh databases (its own gateway is stopped: both of its variants
 * are started beside the peers, alike), adds published items to the highway alliance, starts every
 * gateway, checks they answer alike, then runs the rounds: each gateway in a rotated order, each
 * workload warmed up and then measured.
 */
export async function runThroughput(config: GatewayBenchConfig): Promise<ThroughputResults> {
  progress(`starting the hub's subgraphs and PostgreSQL (port ${config.port})…`);
  const stack: RunningStack = await startSubgraphsOnly(config, 'gateway');
  let stopGateways: () => Promise<void> = async () => {};
  try {
    progress(`adding ${config.items} published items to the highway alliance's joint list…`);
    await seedLargeAlliance(stack, config.items, demo.alliances.highway);
    await vacuumAnalyze(Object.values(stack.databaseUrls));
    progress(`starting ${gatewaySpecs.length} gateways on ports ${config.port + 10}–${config.port + 9 + gatewaySpecs.length}…`);
    const started = await startGateways({
      specs: gatewaySpecs,
      firstPort: config.port + 10,
      subgraphUrls: stack.subgraphUrls,
      keysFile: join(stack.keysDir, 'gateway.jwks.json'),
      log: config.log ? (line) => console.log(line) : () => {},
    });
    stopGateways = started.stop;
    const { gateways } = started;
    const workloads = [jointListWorkload(demo.alliances.highway), smallWorkload];

    const failures: string[] = [];
    const itemsPerAnswer: Record<string, number> = {};
    for (const workload of workloads) {
      const check = await checkAnswers(gateways, workload);
      itemsPerAnswer[workload.name] = check.items;
      failures.push(...check.problems);
    }
    const listItems = itemsPerAnswer['joint list'] ?? 0;
    if (listItems < config.items) {
      failures.push(`the joint list has ${listItems} items, fewer than the ${config.items} added`);
    }
    if (failures.length > 0) {
      return { items: listItems, order: [], itemsPerAnswer, results: {}, failures };
    }
    progress(`every gateway answers alike: ${listItems} items on the joint list, ${itemsPerAnswer.small} alliances`);

    const pids = stack.processIds();
    const postmaster = await postmasterPid(stack.postgres.serverUrl);
    const runs = new Map<string, RunFigures[]>();
    const order: string[][] = [];
    for (let round = 1; round <= config.rounds; round += 1) {
      const roundOrder = rotated(gateways, round - 1);
      order.push(roundOrder.map((gateway) => gateway.spec.name));
      // The workloads alternate too, so neither always runs on a gateway fresh from the other.
      const roundWorkloads = round % 2 ? workloads : [...workloads].reverse();
      for (const [index, gateway] of roundOrder.entries()) {
        const targets: Targets = {
          gatewayPid: gateway.pid,
          subgraphPids: Object.fromEntries(subgraphServices.map((s) => [s.name, pids[s.name] ?? 0])),
          subgraphUrls: stack.subgraphUrls,
          postmasterPid: postmaster,
        };
        for (const workload of roundWorkloads) {
          const expectedItems = itemsPerAnswer[workload.name] ?? 0;
          const load = (seconds: number) =>
            runLoad({ url: gateway.url, workload, expectedItems, connections: config.connections, seconds });
          progress(`round ${round}/${config.rounds}: ${gateway.spec.name}, ${workload.name}…`);
          if (config.warmupSeconds > 0) {
            failures.push(...loadProblems(gateway.spec.name, workload.name, `warm-up of round ${round}`, await load(config.warmupSeconds)));
          }
          const before = await settled(targets);
          const clientBefore = process.cpuUsage();
          const measured = await load(config.durationSeconds);
          const clientCpu = process.cpuUsage(clientBefore);
          const after = await settled(targets);
          const rss = (await sampleProcess(gateway.pid)).rssBytes;
          failures.push(...loadProblems(gateway.spec.name, workload.name, `round ${round}`, measured));
          const perRequest = (delta: number) => delta / measured.sent;
          const figures: RunFigures = {
            round,
            position: index + 1,
            requestsPerSecond: measured.requestsPerSecond,
            p50Ms: measured.p50Ms,
            p99Ms: measured.p99Ms,
            gatewayCpuMsPerRequest: perRequest((after.gatewayCpuSeconds - before.gatewayCpuSeconds) * 1000),
            subgraphCpuMsPerRequest: perRequest((after.subgraphCpuSeconds - before.subgraphCpuSeconds) * 1000),
            postgresCpuMsPerRequest: perRequest((after.postgresCpuSeconds - before.postgresCpuSeconds) * 1000),
            subgraphCallsPerRequest: perRequest(after.subgraphCalls - before.subgraphCalls),
            sqlStatementsPerRequest: perRequest(after.sqlStatements - before.sqlStatements),
            rssBytes: rss,
            clientCpuMsPerRequest: perRequest((clientCpu.user + clientCpu.system) / 1000),
            load: measured,
          };
          const key = `${workload.name}\u0000${gateway.spec.name}`;
          runs.set(key, [...(runs.get(key) ?? []), figures]);
          progress(
            `  ${measured.requestsPerSecond.toFixed(1)} req/s, p50 ${measured.p50Ms} ms, p99 ${measured.p99Ms} ms, gateway ${figures.gatewayCpuMsPerRequest.toFixed(2)} ms CPU/req`,
          );
        }
      }
    }
    const crashed = stack.exitedProcesses();
    if (crashed.length > 0) {
      failures.push(`processes of the hub exited during the run: ${crashed.join(', ')}`);
    }
    // Every gateway still answers as before the load.
    for (const workload of workloads) {
      failures.push(...(await checkAnswers(gateways, workload)).problems.map((problem) => `after the rounds: ${problem}`));
    }
    const results: Record<string, GatewayWorkloadResult[]> = {};
    for (const workload of workloads) {
      results[workload.name] = gateways.map((gateway) => {
        const gatewayRuns = runs.get(`${workload.name}\u0000${gateway.spec.name}`) ?? [];
        const medians = Object.fromEntries(metricNames.map((metric) => [metric, median(gatewayRuns.map((run) => run[metric]))])) as Record<
          MetricName,
          number
        >;
        return { gateway: gateway.spec.name, hub: gateway.spec.hub, runs: gatewayRuns, medians };
      });
    }
    return { items: listItems, order, itemsPerAnswer, results, failures };
  } finally {
    progress('stopping the gateways and the hub…');
    await stopGateways();
    await stack.stop();
  }
}
