import { machineOf } from '../soak-report.ts';
import type { GatewayBenchConfig } from './config.ts';
import { stockApolloName } from './gateways.ts';
import type { SizesResults } from './sizes.ts';
import { type GatewayWorkloadResult, higherIsBetter, type MetricName, metricNames, type ThroughputResults } from './throughput.ts';

/** One gateway's figures on one workload with their ratios. */
export interface GatewayRow extends GatewayWorkloadResult {
  /** value ÷ stock Apollo's. */
  readonly toStockApollo: Record<MetricName, number>;
  /** value ÷ the best peer's (highest req/s, lowest of the rest; the hub's variants are not peers). */
  readonly toBestPeer: Record<MetricName, number>;
}

/** What `pnpm bench:gateway` writes to bench/results/gateway-latest.json. */
export interface ThroughputReport {
  readonly finishedAt: string;
  readonly machine: ReturnType<typeof machineOf>;
  readonly config: GatewayBenchConfig;
  readonly notes: string[];
  readonly items: number;
  readonly itemsPerAnswer: Record<string, number>;
  /** The gateways' order in each round. */
  readonly order: string[][];
  /** Workload name → a row per gateway. */
  readonly workloads: Record<string, GatewayRow[]>;
  /** Workload name → metric → the best peer's name. */
  readonly bestPeers: Record<string, Record<MetricName, string>>;
  readonly failures: string[];
}

export const throughputNotes = [
  'The load generator (autocannon, 20 connections) runs in the benchmark process on the same cores as every server.',
  'CPU per request is divided by the requests sent, measured from before the run until the requests left in flight are done.',
  'PostgreSQL CPU is the whole server (postmaster and all its processes): with DATABASE_URL, others using that server count too.',
  'The peers forward an anonymous internal identity signed every 30 s; the hub signs one per viewer every 30 s too (and the subgraphs verify each token once).',
];

/** Adds the ratios to stock Apollo and to the best peer. */
export function buildThroughputReport(config: GatewayBenchConfig, results: ThroughputResults, loadAtStart: number[]): ThroughputReport {
  const workloads: Record<string, GatewayRow[]> = {};
  const bestPeers: Record<string, Record<MetricName, string>> = {};
  for (const [workload, rows] of Object.entries(results.results)) {
    const stock = rows.find((row) => row.gateway === stockApolloName);
    const peers = rows.filter((row) => !row.hub);
    const best = Object.fromEntries(
      metricNames.map((metric) => {
        const ranked = [...peers]
          .filter((row) => Number.isFinite(row.medians[metric]))
          .sort((a, b) => (higherIsBetter[metric] ? b.medians[metric] - a.medians[metric] : a.medians[metric] - b.medians[metric]));
        return [metric, ranked[0]];
      }),
    ) as Record<MetricName, GatewayWorkloadResult | undefined>;
    bestPeers[workload] = Object.fromEntries(metricNames.map((metric) => [metric, best[metric]?.gateway ?? '–'])) as Record<
      MetricName,
      string
    >;
    const ratios = (row: GatewayWorkloadResult, to: (metric: MetricName) => GatewayWorkloadResult | undefined) =>
      Object.fromEntries(
        metricNames.map((metric) => [metric, row.medians[metric] / (to(metric)?.medians[metric] ?? Number.NaN)]),
      ) as Record<MetricName, number>;
    workloads[workload] = rows.map((row) => ({
      ...row,
      toStockApollo: ratios(row, () => stock),
      toBestPeer: ratios(row, (metric) => best[metric]),
    }));
  }
  return {
    finishedAt: new Date().toISOString(),
    machine: machineOf(loadAtStart),
    config,
    notes: throughputNotes,
    items: results.items,
    itemsPerAnswer: results.itemsPerAnswer,
    order: results.order,
    workloads,
    bestPeers,
    failures: results.failures,
  };
}

const columns: { metric: MetricName; title: string; format: (value: number) => string }[] = [
  { metric: 'requestsPerSecond', title: 'req/s', format: (v) => v.toFixed(1) },
  { metric: 'p50Ms', title: 'p50 ms', format: (v) => v.toFixed(0) },
  { metric: 'p99Ms', title: 'p99 ms', format: (v) => v.toFixed(0) },
  { metric: 'gatewayCpuMsPerRequest', title: 'gateway CPU ms/req', format: (v) => v.toFixed(2) },
  { metric: 'subgraphCpuMsPerRequest', title: 'subgraphs CPU ms/req', format: (v) => v.toFixed(2) },
  { metric: 'postgresCpuMsPerRequest', title: 'PostgreSQL CPU ms/req', format: (v) => v.toFixed(2) },
  { metric: 'subgraphCallsPerRequest', title: 'subgraph calls/req', format: (v) => v.toFixed(2) },
  { metric: 'rssBytes', title: 'RSS MB', format: (v) => (v / 1024 / 1024).toFixed(0) },
];

const shown = (format: (value: number) => string) => (value: number) => (Number.isFinite(value) ? format(value) : '–');
const ratio = shown((value) => `${value.toFixed(2)}×`);

/** A text table: first column left-aligned, the rest right-aligned. */
export function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]?.length ?? 0)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

/** The report as tables for the terminal: per workload, the figures, then ÷ stock Apollo and ÷ the best peer. */
export function formatThroughputReport(report: ThroughputReport): string {
  const parts: string[] = [];
  for (const [workload, rows] of Object.entries(report.workloads)) {
    const items = report.itemsPerAnswer[workload];
    const header = ['gateway', ...columns.map((column) => column.title)];
    parts.push(
      `${workload} (${items} items per answer; medians over ${report.config.rounds} round(s) of ${report.config.durationSeconds} s, ${report.config.connections} connections)`,
      textTable(
        header,
        rows.map((row) => [row.gateway, ...columns.map((column) => shown(column.format)(row.medians[column.metric]))]),
      ),
      '',
      `${workload}: ÷ stock Apollo`,
      textTable(
        header,
        rows.map((row) => [row.gateway, ...columns.map((column) => ratio(row.toStockApollo[column.metric]))]),
      ),
      '',
      `${workload}: ÷ best peer (${columns.map((column) => `${column.title}: ${report.bestPeers[workload]?.[column.metric]}`).join('; ')})`,
      textTable(
        header,
        rows.map((row) => [row.gateway, ...columns.map((column) => ratio(row.toBestPeer[column.metric]))]),
      ),
      '',
    );
  }
  const { loadAverageAtStart, loadAverageAtEnd } = report.machine;
  parts.push(
    `Machine: ${report.machine.cpus} × ${report.machine.model}, Node ${report.machine.node}; load average ${loadAverageAtStart.map((v) => v.toFixed(2)).join(' ')} at the start, ${loadAverageAtEnd.map((v) => v.toFixed(2)).join(' ')} at the end.`,
    ...report.notes,
    report.failures.length
      ? `\nFAILED:\n${report.failures.map((failure) => `  - ${failure}`).join('\n')}`
      : '\nNo errors, every answer as expected.',
  );
  return parts.join('\n');
}

/** What `pnpm bench:gateway -- --sizes` writes to bench/results/gateway-sizes-latest.json. */
export interface SizesReport extends SizesResults {
  readonly finishedAt: string;
  readonly machine: ReturnType<typeof machineOf>;
  readonly config: GatewayBenchConfig;
  readonly notes: string[];
}

export const sizesNotes = [
  "The hub's gateway with HUB_RESPONSE_CACHE=off; one request at a time, each after the previous one's answer.",
  'page: from sending the request until the whole answer arrived, at this process (p50 over the requests).',
  "SQL: PostgreSQL's planning + execution time of that request's statements (pg_stat_statements, reset before each request; the outbox relays' polling left out); network round trips, the driver and the ORM are not in it.",
];

/** The sizes run's results with the machine, settings and how it measured. */
export function buildSizesReport(config: GatewayBenchConfig, results: SizesResults, loadAtStart: number[]): SizesReport {
  return { finishedAt: new Date().toISOString(), machine: machineOf(loadAtStart), config, notes: sizesNotes, ...results };
}

/** The sizes report as a table for the terminal, with the issue's goals. */
export function formatSizesReport(report: SizesReport): string {
  const ms = shown((value) => value.toFixed(1));
  const table = textTable(
    ['items on the list', 'page', 'page p50 ms', 'page p90 ms', 'SQL ms (p50)', 'statements', 'page ÷ SQL'],
    report.cases.map((c) => [
      c.items.toLocaleString('en'),
      c.label,
      ms(c.pageP50Ms),
      ms(c.pageP90Ms),
      ms(c.sqlP50Ms),
      shown((value) => value.toFixed(0))(c.statementsPerRequest),
      ratio(c.ratio),
    ]),
  );
  const { loadAverageAtStart, loadAverageAtEnd } = report.machine;
  return [
    `Joint-list page latency by list size (${report.config.sizesRequests} requests per case)`,
    table,
    '',
    ...report.goals.map((goal) => `${goal.met ? 'met    ' : 'NOT met'}  ${goal.goal}: ${goal.figure}`),
    ...(report.sqlTimeUnavailable ? [`SQL time not measured: ${report.sqlTimeUnavailable}`] : []),
    '',
    `Machine: ${report.machine.cpus} × ${report.machine.model}, Node ${report.machine.node}; load average ${loadAverageAtStart.map((v) => v.toFixed(2)).join(' ')} at the start, ${loadAverageAtEnd.map((v) => v.toFixed(2)).join(' ')} at the end.`,
    ...report.notes,
    report.failures.length ? `\nFAILED:\n${report.failures.map((failure) => `  - ${failure}`).join('\n')}` : '',
  ].join('\n');
}
