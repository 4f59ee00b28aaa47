/**
 * `node --import tsx bench/subgraphs/list-cpu.ts`: the subgraphs' CPU per joint-list request.
 * Starts the hub (gateway on BENCH_PORT, default 4900; embedded PostgreSQL at port + 10000 unless
 * DATABASE_URL names a server), seeds an alliance with BENCH_ITEMS (300) published items spread
 * over the four kinds, and asks the gateway for its whole joint list with every kind's fields and
 * each item's branch from BENCH_CLIENTS (20) concurrent clients for BENCH_SECONDS (10) s. Prints,
 * per subgraph, user + system CPU (/proc/<pid>/stat) and SQL statements (/metrics) per request.
 * The gateway's sharing of identical reads and its response cache are off (HUB_SHARE_IN_FLIGHT,
 * HUB_RESPONSE_CACHE), so every request reaches the subgraphs.
 * BENCH_CPU_PROF=<dir> writes `node --cpu-prof` profiles of every process there on exit.
 */
import { performance } from 'node:perf_hooks';
import { subgraphServices } from '@hub/testkit';
import { seedLargeAlliance } from '../../test/support/bulk.ts';
import { jointListQuery } from '../gateway/workloads.ts';
import { startBenchStack } from '../hub-stack.ts';
import { metricsUrl, readMetrics } from '../metrics.ts';
import { sampleProcess } from '../process-stats.ts';
import { demoToken } from '../tokens.ts';

const port = Number(process.env.BENCH_PORT ?? 4900);
const items = Number(process.env.BENCH_ITEMS ?? 300);
const clients = Number(process.env.BENCH_CLIENTS ?? 20);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const warmup = Number(process.env.BENCH_WARMUP_SECONDS ?? 5);
const profileDir = process.env.BENCH_CPU_PROF;

async function main() {
  // Every request must reach the subgraphs: no sharing of identical reads, no response cache.
  process.env.HUB_SHARE_IN_FLIGHT ??= 'off';
  process.env.HUB_RESPONSE_CACHE ??= 'off';
  if (profileDir) {
    process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --cpu-prof --cpu-prof-dir=${profileDir}`.trim();
  }
  const stack = await startBenchStack({
    name: 'subgraph_cpu',
    port,
    postgresPort: port + 10_000,
    databaseUrl: process.env.DATABASE_URL,
    log: Boolean(process.env.BENCH_LOG),
  });
  if (profileDir) {
    delete process.env.NODE_OPTIONS;
  }
  try {
    const allianceId = await seedLargeAlliance(stack, items);
    const token = await demoToken('viewer');
    const body = JSON.stringify({ query: jointListQuery, variables: { id: allianceId, first: items } });
    const ask = async () => {
      const response = await fetch(stack.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body,
      });
      const result = (await response.json()) as { data?: any; errors?: unknown[] };
      if (result.errors || result.data?.alliance?.coBuildingList?.edges?.length !== items) {
        // On a crowded machine a subgraph may miss the gateway's deadline: counted, not fatal.
        failed += 1;
        lastFailure = JSON.stringify(result).slice(0, 300);
      }
    };
    let failed = 0;
    let lastFailure = '';
    // Warm-up: the same load for a few seconds, so the measured part runs optimised code.
    const load = async (forSeconds: number) => {
      const deadline = performance.now() + forSeconds * 1000;
      let done = 0;
      await Promise.all(
        Array.from({ length: clients }, async () => {
          while (performance.now() < deadline) {
            await ask();
            done += 1;
          }
        }),
      );
      return done;
    };
    await load(warmup);
    const pids = stack.processIds();
    const names = subgraphServices.map((s) => s.name);
    const read = async () => ({
      cpu: await Promise.all(names.map(async (name) => (await sampleProcess(pids[name]!)).cpuSeconds)),
      gateway: (await sampleProcess(pids.gateway!)).cpuSeconds,
      sql: await Promise.all(
        names.map(async (name) => (await readMetrics(metricsUrl(stack.subgraphUrls[name]!))).hub_sql_statements_total ?? 0),
      ),
    });
    const before = await read();
    const started = performance.now();
    const requests = await load(seconds);
    const elapsed = (performance.now() - started) / 1000;
    const after = await read();
    if (failed > 0) {
      console.log(`${failed} answers incomplete or failed (the last: ${lastFailure})`);
    }
    console.log(
      `${requests} requests of ${items} items in ${elapsed.toFixed(1)} s (${(requests / elapsed).toFixed(1)}/s), ${clients} clients`,
    );
    let total = 0;
    for (const [i, name] of names.entries()) {
      const ms = ((after.cpu[i]! - before.cpu[i]!) * 1000) / requests;
      total += ms;
      const sql = (after.sql[i]! - before.sql[i]!) / requests;
      console.log(`${name.padEnd(16)} ${ms.toFixed(2).padStart(7)} ms CPU/request  ${sql.toFixed(2)} SQL/request`);
    }
    console.log(`${'subgraphs'.padEnd(16)} ${total.toFixed(2).padStart(7)} ms CPU/request`);
    console.log(`${'gateway'.padEnd(16)} ${(((after.gateway - before.gateway) * 1000) / requests).toFixed(2).padStart(7)} ms CPU/request`);
  } finally {
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
