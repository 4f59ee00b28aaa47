import { performance } from 'node:perf_hooks';
import { demo } from '@hub/contracts';
import { subgraphServices } from '@hub/testkit';
import type { BenchConfig } from './config.ts';
import { type LatencySummary, summarise } from './deliveries.ts';
import { HubPublisher } from './hub-publisher.ts';
import { startBenchStack } from './hub-stack.ts';
import { commitmentIdOf, listChangedQuery } from './live-query.ts';
import { metricsUrl, readMetrics } from './metrics.ts';
import { runScenario, type ScenarioResult } from './scenario.ts';
import { benchCredentials } from './tokens.ts';
import { openUpstreamProbe } from './upstream-probe.ts';

/** One round against the hub. */
export interface HubRoundResult {
  /** The published commitments' ids, warm-up first: the events' keys. */
  readonly keys: string[];
  readonly scenario: ScenarioResult;
  /**
   * Where the time goes, per measured change (over changes, not clients), split where the event
   * leaves the alliance subgraph's stream (seen by a probe subscribed there directly).
   */
  readonly stagesMs: {
    /** Publish acknowledged → out of the alliance's stream: outbox relay, ingestion, NOTIFY, stream read. */
    readonly ackToAllianceStream: LatencySummary;
    /** Out of the alliance's stream → the first client has it: the gateway's upstream hop, queue, completion, first send. */
    readonly allianceStreamToFirst: LatencySummary;
    /** Out of the alliance's stream → half the clients have it: as above plus fan-out. */
    readonly allianceStreamToMedian: LatencySummary;
  };
  /** The gateway's live counters over the round's warm-up and measured changes. */
  readonly live: {
    readonly changes: number;
    readonly upstreamSubscriptions: number;
    readonly completions: number;
    readonly deliveries: number;
    /** After every client left (should be 0: no leaked groups or subscribers). */
    readonly groupsAfterClose: number;
    readonly clientsAfterClose: number;
    /** Upstream subscriptions the alliance subgraph still holds after every client left (should be 0). */
    readonly allianceSubscriptionsAfterClose: number;
  };
}

/** The running hub, ready for rounds. */
export interface HubSession {
  /** Creates the round's drafts, then runs the scenario: viewers subscribe, a traffic-police editor publishes. */
  runRound(): Promise<HubRoundResult>;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The alliance's open streams of list changes: the gateway's group and the probe (not the gateway's own event feed). */
const listStreams = 'hub_ws_subscriptions_active{field="coBuildingListChanged"}';

/**
 * Starts the hub with fresh `hub_bench_` databases: embedded PostgreSQL in `.data/bench-pg`
 * (not the tests' cluster, which a start would shut down) unless DATABASE_URL is set.
 */
export async function startHubSession(config: BenchConfig, progress: (line: string) => void): Promise<HubSession> {
  progress('starting the hub (PostgreSQL, five subgraphs, gateway)…');
  const stack = await startBenchStack({
    name: 'bench',
    port: config.hubPort,
    postgresPort: config.postgresPort,
    databaseUrl: config.databaseUrl,
    log: config.log,
  });
  try {
    const credentials = await benchCredentials();
    const allianceId = demo.alliances.highway;
    const publisher = new HubPublisher(stack.gatewayUrl, credentials.trafficPoliceEditor, allianceId);
    const pids = stack.processIds();
    const gatewayMetrics = metricsUrl(stack.gatewayUrl);
    const allianceMetrics = metricsUrl(stack.subgraphUrls.alliance);

    const runRound = async (): Promise<HubRoundResult> => {
      const total = config.warmup + config.changes;
      const ids = await publisher.createDrafts(total);
      const before = await readMetrics(gatewayMetrics);
      const probe = await openUpstreamProbe(stack, allianceId);
      const scenario = await runScenario(
        {
          wsUrl: stack.gatewayUrl.replace(/^http/, 'ws'),
          token: credentials.viewer,
          pid: pids.gateway ?? 0,
          otherPids: Object.fromEntries(subgraphServices.map((s) => [s.name, pids[s.name] ?? 0])),
          async subscribed() {
            // Held by the gateway, and its shared stream open at the alliance subgraph (beside the probe's).
            const [gateway, alliance] = await Promise.all([readMetrics(gatewayMetrics), readMetrics(allianceMetrics)]);
            return (alliance[listStreams] ?? 0) >= 2 ? (gateway.hub_live_clients ?? 0) : 0;
          },
          publish: (change) => publisher.publish(ids[change] as string),
        },
        { config, keys: ids, query: listChangedQuery, variables: { allianceId }, keyOf: commitmentIdOf },
      ).finally(() => probe.close());

      // The clients have left: the gateway and the alliance should let go of everything within moments.
      const deadline = Date.now() + 10_000;
      let after = await readMetrics(gatewayMetrics);
      let alliance = await readMetrics(allianceMetrics);
      while ((after.hub_live_groups || after.hub_live_clients || alliance[listStreams]) && Date.now() < deadline) {
        await sleep(200);
        after = await readMetrics(gatewayMetrics);
        alliance = await readMetrics(allianceMetrics);
      }
      const upstream = ids.slice(config.warmup).map((id) => performance.timeOrigin + (probe.arrivals.get(id) ?? Number.NaN));
      const stage = (pick: (t: (typeof scenario.timeline)[number], i: number) => number) =>
        summarise(Float64Array.from(scenario.timeline.map(pick).filter((ms) => !Number.isNaN(ms))));
      const delta = (name: string) => (after[name] ?? 0) - (before[name] ?? 0);
      return {
        keys: ids,
        scenario,
        stagesMs: {
          ackToAllianceStream: stage((t, i) => (upstream[i] as number) - t.committed),
          allianceStreamToFirst: stage((t, i) => t.first - (upstream[i] as number)),
          allianceStreamToMedian: stage((t, i) => t.median - (upstream[i] as number)),
        },
        live: {
          changes: total,
          upstreamSubscriptions: delta('hub_live_upstream_subscriptions_total'),
          completions: delta('hub_live_completions_total'),
          deliveries: delta('hub_live_deliveries_total'),
          groupsAfterClose: after.hub_live_groups ?? Number.NaN,
          clientsAfterClose: after.hub_live_clients ?? Number.NaN,
          allianceSubscriptionsAfterClose: alliance[listStreams] ?? Number.NaN,
        },
      };
    };
    return { runRound, stop: () => stack.stop() };
  } catch (error) {
    await stack.stop();
    throw error;
  }
}
