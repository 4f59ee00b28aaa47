import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import type { BenchConfig } from './config.ts';
import { type Figures, figuresOf, median } from './figures.ts';
import type { HubRoundResult } from './hub-run.ts';
import type { ScenarioResult } from './scenario.ts';

type Round = Omit<ScenarioResult, 'values'>;

/** Everything one run measured, as written to bench/results/latest.json. */
export interface BenchReport {
  readonly finishedAt: string;
  readonly machine: { cpus: number; model: string; node: string; loadAverageAtStart: number[]; loadAverageAtEnd: number[] };
  readonly config: BenchConfig;
  readonly note: string;
  readonly figures: { hub: Figures; baseline: Figures };
  /** hub ÷ baseline. */
  readonly ratios: { p50: number; p99: number; cpuPerChange: number; rssPeak: number; rssPerSubscriber: number };
  /** Medians over rounds of each stage's per-change p50 and p99 (see HubRoundResult.stagesMs). */
  readonly hubStagesMs: Record<keyof HubRoundResult['stagesMs'], { p50: number; p99: number }>;
  /** Medians over rounds of the subgraphs' CPU seconds while publishing (PostgreSQL not counted). */
  readonly hubSubgraphCpuSeconds: Record<string, number>;
  /** Checks that failed (lost or duplicated events, leaks); empty when all is well. */
  readonly failures: string[];
  readonly rounds: { hub: (Round & Omit<HubRoundResult, 'scenario' | 'keys'>)[]; baseline: Round[] };
  /** One event as the hub delivered it. */
  readonly sampleEvent: unknown;
}

export const clientLoadNote =
  'The clients run in the benchmark process itself, which also takes the timestamps: its CPU competes with the servers on the same cores, and an arrival is stamped when this process gets to the message.';

function without(result: ScenarioResult): Round {
  const { values: _values, ...rest } = result;
  return rest;
}

/** The checks the issue asks for: nothing lost or duplicated, and nothing left behind. */
function failuresOf(hub: readonly HubRoundResult[], baseline: readonly ScenarioResult[], config: BenchConfig): string[] {
  const failures: string[] = [];
  const check = (name: string, result: ScenarioResult) => {
    const d = result.deliveries;
    if (d.lost > 0) {
      failures.push(`${name}: ${d.lost} of ${d.expected} events lost (${d.clientsMissingEvents} clients missed some)`);
    }
    if (d.duplicates > 0) {
      failures.push(`${name}: ${d.duplicates} duplicate events`);
    }
    if (d.unexpected > 0) {
      failures.push(`${name}: ${d.unexpected} events matching no published change`);
    }
    const p = result.problems;
    if (p.errors || p.completed || p.closed) {
      failures.push(
        `${name}: ${p.errors} stream errors, ${p.completed} streams completed, ${p.closed} sockets closed (${p.firstError ?? ''})`,
      );
    }
    const lastWarmup = result.warmupReceived.at(-1) ?? 0;
    if (lastWarmup !== config.subscribers) {
      failures.push(`${name}: the last warm-up change reached ${lastWarmup} of ${config.subscribers} clients`);
    }
  };
  hub.forEach((round, i) => {
    const name = `hub round ${i + 1}`;
    check(name, round.scenario);
    const live = round.live;
    if (live.completions !== live.changes) {
      failures.push(`${name}: ${live.completions} completions for ${live.changes} changes (expected one per change)`);
    }
    if (live.upstreamSubscriptions !== 1) {
      failures.push(`${name}: ${live.upstreamSubscriptions} upstream subscriptions for one shared subscription (expected 1)`);
    }
    if (live.groupsAfterClose || live.clientsAfterClose || live.allianceSubscriptionsAfterClose) {
      failures.push(
        `${name}: after every client left, ${live.groupsAfterClose} groups, ${live.clientsAfterClose} clients and ${live.allianceSubscriptionsAfterClose} alliance subscriptions remain`,
      );
    }
  });
  baseline.forEach((round, i) => {
    check(`baseline round ${i + 1}`, round);
  });
  return failures;
}

/** Assembles the report from the rounds. */
export function buildReport(
  config: BenchConfig,
  hub: readonly HubRoundResult[],
  baseline: readonly ScenarioResult[],
  loadAverageAtStart: number[],
): BenchReport {
  const figures = {
    hub: figuresOf(
      hub.map((round) => round.scenario),
      config.subscribers,
    ),
    baseline: figuresOf(baseline, config.subscribers),
  };
  const stage = (name: keyof HubRoundResult['stagesMs']) => ({
    p50: median(hub.map((round) => round.stagesMs[name].p50)),
    p99: median(hub.map((round) => round.stagesMs[name].p99)),
  });
  const subgraphs = Object.keys(hub[0]?.scenario.otherCpuSeconds ?? {});
  return {
    finishedAt: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      model: cpus()[0]?.model ?? 'unknown',
      node: process.version,
      loadAverageAtStart,
      loadAverageAtEnd: loadavg(),
    },
    config,
    note: clientLoadNote,
    figures,
    ratios: {
      p50: figures.hub.p50Ms / figures.baseline.p50Ms,
      p99: figures.hub.p99Ms / figures.baseline.p99Ms,
      cpuPerChange: figures.hub.cpuPerChangeMs / figures.baseline.cpuPerChangeMs,
      rssPeak: figures.hub.rssPeakBytes / figures.baseline.rssPeakBytes,
      rssPerSubscriber: figures.hub.rssPerSubscriberBytes / figures.baseline.rssPerSubscriberBytes,
    },
    hubStagesMs: {
      ackToAllianceStream: stage('ackToAllianceStream'),
      allianceStreamToFirst: stage('allianceStreamToFirst'),
      allianceStreamToMedian: stage('allianceStreamToMedian'),
    },
    hubSubgraphCpuSeconds: Object.fromEntries(
      subgraphs.map((name) => [name, median(hub.map((round) => round.scenario.otherCpuSeconds[name] ?? Number.NaN))]),
    ),
    failures: failuresOf(hub, baseline, config),
    rounds: {
      hub: hub.map((round) => ({ ...without(round.scenario), stagesMs: round.stagesMs, live: round.live })),
      baseline: baseline.map(without),
    },
    sampleEvent: hub[0]?.scenario.values.at(-1),
  };
}

/** Writes a report as JSON (`pnpm bench`'s as latest.json); returns the file's path. */
export function writeReport(report: object, folder: URL, name = 'latest.json'): string {
  mkdirSync(folder, { recursive: true });
  const file = new URL(name, folder);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file.pathname;
}

/** A number for the terminal, `–` when there is none. */
export const n = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '–');
const x = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : '–');
/** Bytes as MB for the terminal. */
export const mb = (bytes: number, digits = 1) => n(bytes / 1024 / 1024, digits);
const list = (values: number[], format: (value: number) => string = (v) => n(v)) => values.map((v) => format(v)).join(' / ');

/** The report as a table for the terminal. */
export function formatReport(report: BenchReport): string {
  const { ratios, config } = report;
  const { hub, baseline } = report.figures;
  const rows: [string, string, string, string][] = [
    ['publish-to-receive p50 (ms)', n(hub.p50Ms), n(baseline.p50Ms), x(ratios.p50)],
    ['publish-to-receive p99 (ms)', n(hub.p99Ms), n(baseline.p99Ms), x(ratios.p99)],
    ['publish-to-receive max (ms)', n(hub.maxMs), n(baseline.maxMs), ''],
    ['  p50 per round (ms)', list(hub.p50MsPerRound), list(baseline.p50MsPerRound), ''],
    ['  p99 per round (ms)', list(hub.p99MsPerRound), list(baseline.p99MsPerRound), ''],
    ['events received / expected', `${hub.received}/${hub.expected}`, `${baseline.received}/${baseline.expected}`, ''],
    ['events lost', String(hub.lost), String(baseline.lost), ''],
    ['duplicate events', String(hub.duplicates), String(baseline.duplicates), ''],
    ['server CPU while publishing (s)', n(hub.cpuPublishSeconds, 2), n(baseline.cpuPublishSeconds, 2), ''],
    ['server CPU per change (ms)', n(hub.cpuPerChangeMs), n(baseline.cpuPerChangeMs), x(ratios.cpuPerChange)],
    ['server CPU per delivery (µs)', n(hub.cpuPerDeliveryUs), n(baseline.cpuPerDeliveryUs), ''],
    ['server CPU to accept the clients (s)', n(hub.cpuConnectSeconds, 2), n(baseline.cpuConnectSeconds, 2), ''],
    ['server RSS before any client (MB)', mb(hub.rssIdleBytes), mb(baseline.rssIdleBytes), ''],
    ['server RSS with subscribers (MB)', mb(hub.rssSubscribedBytes), mb(baseline.rssSubscribedBytes), ''],
    [
      'server RSS per subscriber, round 1 (kB)',
      n(hub.rssPerSubscriberBytes / 1024),
      n(baseline.rssPerSubscriberBytes / 1024),
      x(ratios.rssPerSubscriber),
    ],
    ['server RSS peak while publishing (MB)', mb(hub.rssPeakBytes), mb(baseline.rssPeakBytes), x(ratios.rssPeak)],
    ['server RSS after each round (MB)', list(hub.rssAfterCloseBytesPerRound, mb), list(baseline.rssAfterCloseBytesPerRound, mb), ''],
    [
      'publish round trip p50 / p99 (ms)',
      `${n(hub.publishRoundTripP50Ms)} / ${n(hub.publishRoundTripP99Ms)}`,
      `${n(baseline.publishRoundTripP50Ms)} / ${n(baseline.publishRoundTripP99Ms)}`,
      '',
    ],
    ['publishes per second (achieved)', n(hub.publishesPerSecond), n(baseline.publishesPerSecond), ''],
    ['client (bench process) CPU (s)', n(hub.clientCpuSeconds, 2), n(baseline.clientCpuSeconds, 2), ''],
    ['clients connected in (s)', n(hub.connectSeconds), n(baseline.connectSeconds), ''],
  ];
  const header: [string, string, string, string] = ['', 'hub (gateway)', 'baseline', 'hub/baseline'];
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]?.length ?? 0)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('   ');
  const stages = report.hubStagesMs;
  const subgraphs = Object.entries(report.hubSubgraphCpuSeconds)
    .map(([name, seconds]) => `${name} ${n(seconds, 2)} s`)
    .join(', ');
  const live = report.rounds.hub
    .map((round) => `${round.live.upstreamSubscriptions}/${round.live.completions}/${round.live.deliveries}`)
    .join(', ');
  return [
    `Live fan-out: ${config.subscribers} subscribers on one alliance, ${config.changes} changes (one started every ≥ ${config.intervalMs} ms, after ${config.warmup} warm-up changes), ${config.rounds} rounds each, alternating; medians over rounds`,
    `${report.machine.cpus} × ${report.machine.model}, Node ${report.machine.node}, load average ${report.machine.loadAverageAtStart.map((v) => v.toFixed(2)).join(' ')} at start, ${report.machine.loadAverageAtEnd.map((v) => v.toFixed(2)).join(' ')} at end`,
    '',
    line(header),
    ...rows.map(line),
    '',
    `Publish: hub = the publishCommitment mutation's response arrived (committed); baseline = the broadcast request was sent.`,
    `hub stages per change, p50 / p99 ms (medians over rounds):`,
    `  publish acknowledged → out of the alliance's stream               ${n(stages.ackToAllianceStream.p50)} / ${n(stages.ackToAllianceStream.p99)}`,
    `  out of the alliance's stream → first gateway client               ${n(stages.allianceStreamToFirst.p50)} / ${n(stages.allianceStreamToFirst.p99)}`,
    `  out of the alliance's stream → median gateway client              ${n(stages.allianceStreamToMedian.p50)} / ${n(stages.allianceStreamToMedian.p99)}`,
    `hub live counters per round (upstream subscriptions / completions / deliveries, warm-up included): ${live}.`,
    `hub subgraphs' CPU while publishing: ${subgraphs} (PostgreSQL not counted).`,
    `Note: ${report.note}`,
    '',
    report.failures.length
      ? `FAILED:\n${report.failures.map((f) => `  - ${f}`).join('\n')}`
      : 'OK: nothing lost, nothing duplicated, nothing left behind.',
  ].join('\n');
}
