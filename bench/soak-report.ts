import { cpus, loadavg } from 'node:os';
import { percentile } from './deliveries.ts';
import { mb, n } from './report.ts';
import type { SoakConfig } from './soak-config.ts';
import type { DeliveryReport } from './soak-delivery.ts';
import type { SoakSample } from './soak-monitor.ts';

/** One minute of the load. */
export interface MinuteRow {
  readonly minute: number;
  /** Per process, the lowest RSS and heap used sampled in the minute: the heap's is its post-GC floor. */
  readonly floors: Record<string, { rssBytes: number; heapUsedBytes: number }>;
  readonly queriesPerSecond: number;
  readonly queryP50Ms: number;
  readonly queryP99Ms: number;
  /** Event-producing writes (publishes, progress reports, completions). */
  readonly writes: number;
  readonly connects: number;
  /** At the minute's last sample. */
  readonly liveGroups: number;
  readonly liveClients: number;
}

/** Least-squares slope of the floors over the second half of the run, bytes per minute. */
export type Slopes = Record<string, { heapBytesPerMinute: number; rssBytesPerMinute: number }>;

/** Everything the soak measured, as written to bench/results/soak-latest.json. */
export interface SoakReport {
  readonly finishedAt: string;
  readonly machine: { cpus: number; model: string; node: string; loadAverageAtStart: number[]; loadAverageAtEnd: number[] };
  readonly config: SoakConfig;
  readonly minutes: MinuteRow[];
  /** Minutes the slopes are taken over. */
  readonly slopeMinutes: [number, number];
  readonly slopes: Slopes;
  readonly delivery: DeliveryReport;
  /** Cumulative counts of the load, at its end. */
  readonly totals: Record<string, number>;
  /** Why live streams ended other than by the subscriber leaving, and how often. */
  readonly streamEndings: Record<string, number>;
  readonly firstErrors: { query: string | null; write: string | null };
  /** After every client left: what the gateway and the alliance still held, and each process's memory. */
  readonly afterClose: SoakSample;
  /** Processes that exited during the run. */
  readonly crashed: string[];
  /** Lost or duplicated events, crashes, leftovers; empty when all is well. */
  readonly failures: string[];
  readonly samples: SoakSample[];
}

/** Least-squares slope of y over x; NaN with fewer than two points. */
export function slope(points: readonly (readonly [number, number])[]): number {
  const valid = points.filter(([, y]) => Number.isFinite(y));
  if (valid.length < 2) {
    return Number.NaN;
  }
  const meanX = valid.reduce((sum, [x]) => sum + x, 0) / valid.length;
  const meanY = valid.reduce((sum, [, y]) => sum + y, 0) / valid.length;
  const covariance = valid.reduce((sum, [x, y]) => sum + (x - meanX) * (y - meanY), 0);
  const variance = valid.reduce((sum, [x]) => sum + (x - meanX) ** 2, 0);
  return covariance / variance;
}

const lowest = (values: number[]) => values.filter(Number.isFinite).reduce((min, v) => Math.min(min, v), Number.POSITIVE_INFINITY);

/**
 * Per minute of load: each process's memory floors, the query rate and latency, writes and
 * connects (differences of the cumulative counters between the minutes' last samples).
 */
export function minuteRows(
  samples: readonly SoakSample[],
  minutes: number,
  queryLatencies: readonly { t: number; ms: number }[],
): MinuteRow[] {
  const minuteOf = (t: number) => Math.min(minutes, Math.floor(t / 60) + 1);
  const rows: MinuteRow[] = [];
  let previous = samples[0];
  for (let minute = 1; minute <= minutes; minute += 1) {
    const inMinute = samples.filter((sample) => minuteOf(sample.t) === minute);
    const last = inMinute.at(-1);
    if (!last || !previous) {
      continue;
    }
    const floors = Object.fromEntries(
      Object.keys(last.processes).map((name) => [
        name,
        {
          rssBytes: lowest(inMinute.map((s) => s.processes[name]?.rssBytes ?? Number.NaN)),
          heapUsedBytes: lowest(inMinute.map((s) => s.processes[name]?.heapUsedBytes ?? Number.NaN)),
        },
      ]),
    );
    const delta = (name: string) => (last.counters[name] ?? 0) - (previous?.counters[name] ?? 0);
    const latencies = Float64Array.from(queryLatencies.filter((q) => minuteOf(q.t) === minute).map((q) => q.ms)).sort();
    rows.push({
      minute,
      floors,
      queriesPerSecond: delta('queries') / (last.t - previous.t),
      queryP50Ms: percentile(latencies, 0.5),
      queryP99Ms: percentile(latencies, 0.99),
      writes: delta('writes'),
      connects: delta('connects'),
      liveGroups: last.live.groups,
      liveClients: last.live.clients,
    });
    previous = last;
  }
  return rows;
}

/** The minutes of the run's second half, and the slopes of the floors over them. */
export function secondHalfSlopes(rows: readonly MinuteRow[], minutes: number): { range: [number, number]; slopes: Slopes } {
  const range: [number, number] = [Math.floor(minutes / 2) + 1, minutes];
  const half = rows.filter((row) => row.minute >= range[0]);
  const names = Object.keys(rows[0]?.floors ?? {});
  const slopes = Object.fromEntries(
    names.map((name) => [
      name,
      {
        heapBytesPerMinute: slope(half.map((row) => [row.minute, row.floors[name]?.heapUsedBytes ?? Number.NaN] as const)),
        rssBytesPerMinute: slope(half.map((row) => [row.minute, row.floors[name]?.rssBytes ?? Number.NaN] as const)),
      },
    ]),
  );
  return { range, slopes };
}

/** What makes the soak fail: lost or duplicated events, a crash, something left behind. */
export function failuresOf(delivery: DeliveryReport, crashed: readonly string[], afterClose: SoakSample): string[] {
  const failures: string[] = [];
  for (const [name, check] of [
    ['long-lived subscribers', delivery.core],
    ['resuming subscribers', delivery.churn],
  ] as const) {
    if (check.lost || check.duplicated || check.unexpected) {
      failures.push(
        `${name}: ${check.lost} lost (${check.viewsMissingEvents} of ${check.views} views), ${check.duplicated} duplicated, ${check.unexpected} unexpected of ${check.expected} expected`,
      );
    }
  }
  if (crashed.length) {
    failures.push(`processes exited during the run: ${crashed.join(', ')}`);
  }
  const { groups, clients, allianceSubscriptions } = afterClose.live;
  if (groups || clients || allianceSubscriptions) {
    failures.push(
      `after every client left: ${groups} live groups, ${clients} clients, ${allianceSubscriptions} alliance subscriptions remain`,
    );
  }
  return failures;
}

export function machineOf(loadAverageAtStart: number[]): SoakReport['machine'] {
  return {
    cpus: cpus().length,
    model: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    loadAverageAtStart,
    loadAverageAtEnd: loadavg(),
  };
}

const short: Record<string, string> = { 'town-village': 'town-vil.', 'traffic-police': 'traffic-p.' };
const signed = (bytes: number) => (Number.isFinite(bytes) ? `${bytes >= 0 ? '+' : ''}${mb(bytes, 2)}` : '–');
const loads = (values: number[]) => values.map((v) => v.toFixed(2)).join(' ');

/** The report for the terminal: a row per minute, the slopes, the delivery check. */
export function formatSoakReport(report: SoakReport): string {
  const { config, machine } = report;
  const names = Object.keys(report.minutes[0]?.floors ?? {});
  const header = [
    'minute',
    ...names.map((name) => short[name] ?? name),
    'req/s',
    'query p50/p99 ms',
    'writes',
    'connects',
    'groups/clients',
  ];
  const rows = report.minutes.map((row) => [
    String(row.minute),
    ...names.map((name) => `${mb(row.floors[name]?.rssBytes ?? Number.NaN, 0)}/${mb(row.floors[name]?.heapUsedBytes ?? Number.NaN, 0)}`),
    n(row.queriesPerSecond),
    `${n(row.queryP50Ms, 0)}/${n(row.queryP99Ms, 0)}`,
    String(row.writes),
    String(row.connects),
    `${row.liveGroups}/${row.liveClients}`,
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]?.length ?? 0)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padStart(widths[i] ?? 0)).join('  ');
  const [from, to] = report.slopeMinutes;
  const slopes = names
    .map((name) => {
      const s = report.slopes[name];
      return `  ${name.padEnd(15)} heap ${signed(s?.heapBytesPerMinute ?? Number.NaN)}   RSS ${signed(s?.rssBytesPerMinute ?? Number.NaN)}`;
    })
    .join('\n');
  const delivery = (label: string, check: SoakReport['delivery']['core']) =>
    `${label}: ${check.views} views, ${check.expected} events expected, ${check.delivered} delivered, ${check.lost} lost, ${check.duplicated} duplicated, ${check.unexpected} unexpected`;
  const published = Object.entries(report.delivery.published)
    .map(([alliance, count]) => `${alliance.slice(0, 8)}… ${count}`)
    .join(', ');
  const endings = Object.entries(report.streamEndings)
    .map(([why, count]) => `${why} × ${count}`)
    .join(', ');
  const after = report.afterClose;
  return [
    `Soak: ${config.minutes} min; ${config.subscribers} live subscribers (${config.core} long-lived, the others live ${config.lifetimeSeconds[0]}–${config.lifetimeSeconds[1]} s, ${config.freshPercent} % then replaced by new views); ${config.queryClients} query clients (${config.queryPauseMs} ms apart); ${config.writesPerSecond} writes/s`,
    `${machine.cpus} × ${machine.model}, Node ${machine.node}, load average ${loads(machine.loadAverageAtStart)} at start, ${loads(machine.loadAverageAtEnd)} at end`,
    '',
    'Per minute: lowest RSS / heap used sampled (MB, every process), queries, writes, subscriber connects, gateway live groups/clients',
    line(header),
    ...rows.map(line),
    '',
    `Slope of the floors, minutes ${from}–${to} (MB per minute):`,
    slopes,
    '',
    `Published (list events stored since the long-lived subscribers started): ${published}`,
    delivery('Long-lived subscribers', report.delivery.core),
    delivery('Resuming subscribers (up to the last cursor each received)', report.delivery.churn),
    ...[...report.delivery.core.examples, ...report.delivery.churn.examples].map((example) => `  ${example}`),
    `Totals: ${Object.entries(report.totals)
      .map(([name, value]) => `${name} ${value}`)
      .join(', ')}`,
    `Streams ended by the server: ${endings || 'none'}`,
    ...(report.firstErrors.query ? [`First query error: ${report.firstErrors.query}`] : []),
    ...(report.firstErrors.write ? [`First write error: ${report.firstErrors.write}`] : []),
    `After every client left: ${after.live.groups} groups, ${after.live.clients} clients, ${after.live.allianceSubscriptions} alliance subscriptions; RSS/heap MB ${names
      .map(
        (name) =>
          `${name} ${mb(after.processes[name]?.rssBytes ?? Number.NaN, 0)}/${mb(after.processes[name]?.heapUsedBytes ?? Number.NaN, 0)}`,
      )
      .join(', ')}`,
    '',
    report.failures.length
      ? `FAILED:\n${report.failures.map((f) => `  - ${f}`).join('\n')}`
      : 'OK: nothing lost, nothing duplicated, no crash, nothing left behind.',
  ].join('\n');
}
