/**
 * `pnpm bench:start`: start time and memory of the hub's processes, through the TypeScript loader
 * (`node --import tsx <src/index.ts>`, development) and compiled (`node dist/index.js`, `pnpm build`,
 * production), side by side in one run. Compiles first, starts one embedded PostgreSQL (port
 * BENCH_START_PORT + 10000; DATABASE_URL names a server instead) and the hub's databases once, then
 * starts and stops the whole hub BENCH_START_ROUNDS times per way (default 3), alternating, after one
 * uncounted warm-up start of each (migrations and demo seed; V8's compile cache). For each start:
 * the time until every process is ready, each process's time to its "ready" line, each process's
 * RSS right after the start and after BENCH_START_REQUESTS joint-list queries through the gateway
 * (default 200). Prints the medians; writes bench/results/start.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { demo } from '@hub/contracts';
import { repoRoot, startEmbeddedPostgres, startStack } from '@hub/testkit';
import { buildServices } from '../scripts/build-services.ts';
import { sampleProcess } from './process-stats.ts';

const port = Number(process.env.BENCH_START_PORT ?? 6050);
const rounds = Number(process.env.BENCH_START_ROUNDS ?? 3);
const requests = Number(process.env.BENCH_START_REQUESTS ?? 200);
const ways = ['loader', 'compiled'] as const;
type Way = (typeof ways)[number];

interface Start {
  readonly way: Way;
  /** From the start of the first process until every process answers /health. */
  readonly readySeconds: number;
  /** Process → seconds from the stack's start until its "ready at" line. */
  readonly processReadySeconds: Record<string, number>;
  /** Process → RSS in MiB right after the start. */
  readonly rssAfterStartMiB: Record<string, number>;
  /** Process → RSS in MiB after the requests. */
  readonly rssAfterRequestsMiB: Record<string, number>;
}

const jointList = `query ($id: ID!) { alliance(id: $id) { coBuildingList(first: 50) { totalCount edges { node { __typename id title } } } } }`;

async function query(url: string): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: jointList, variables: { id: demo.alliances.highway } }),
  });
  const body = (await response.json()) as { errors?: unknown[] };
  if (!response.ok || body.errors) {
    throw new Error(`joint list failed (${response.status}): ${JSON.stringify(body.errors)}`);
  }
}

async function rssMiB(pids: Record<string, number>): Promise<Record<string, number>> {
  const entries = await Promise.all(
    Object.entries(pids).map(async ([name, pid]) => [name, (await sampleProcess(pid)).rssBytes / 2 ** 20] as const),
  );
  return Object.fromEntries(entries);
}

async function startOnce(way: Way, databaseUrl: string, fresh = false): Promise<Start> {
  const readyAt: Record<string, number> = {};
  const started = performance.now();
  const stack = await startStack({
    port,
    databaseUrl,
    databasePrefix: 'hub_bench_start_',
    fresh,
    compiled: way === 'compiled',
    // One client asks many times; the bench measures memory under requests, not the rate limit.
    env: { HUB_RATE_LIMIT_PER_MINUTE: '10000000' },
    log: (line) => {
      const name = /^\[([^\]]+)\] .*\bready at\b/.exec(line)?.[1];
      if (name && readyAt[name] === undefined) {
        readyAt[name] = (performance.now() - started) / 1000;
      }
    },
  });
  const readySeconds = (performance.now() - started) / 1000;
  try {
    const pids = stack.processIds();
    const rssAfterStartMiB = await rssMiB(pids);
    // Four at a time, as a few browsers would ask.
    let left = requests;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (left-- > 0) {
          await query(stack.gatewayUrl);
        }
      }),
    );
    return { way, readySeconds, processReadySeconds: readyAt, rssAfterStartMiB, rssAfterRequestsMiB: await rssMiB(pids) };
  } finally {
    await stack.stop();
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

/** The median of one figure per process over the starts of one way. */
function medians(starts: Start[], pick: (start: Start) => Record<string, number>): Record<string, number> {
  const names = Object.keys(pick(starts[0] as Start));
  return Object.fromEntries(names.map((name) => [name, median(starts.map((start) => pick(start)[name] ?? Number.NaN))]));
}

const buildStarted = performance.now();
await buildServices();
console.log(`compiled in ${((performance.now() - buildStarted) / 1000).toFixed(1)} s`);

const embedded = process.env.DATABASE_URL
  ? null
  : await startEmbeddedPostgres({ dataDir: `${repoRoot}.data/bench-start-pg`, port: port + 10_000, log: () => {} });
const databaseUrl = process.env.DATABASE_URL ?? (embedded?.url as string);
const starts: Start[] = [];
try {
  // Warm-up, not counted: fresh databases migrated and seeded, V8's compile cache filled.
  for (const way of ways) {
    await startOnce(way, databaseUrl, way === ways[0]);
  }
  for (let round = 0; round < rounds; round++) {
    for (const way of round % 2 === 0 ? ways : [...ways].reverse()) {
      const start = await startOnce(way, databaseUrl);
      starts.push(start);
      console.log(`round ${round + 1} ${way.padEnd(8)} ready in ${start.readySeconds.toFixed(2)} s`);
    }
  }
} finally {
  await embedded?.stop();
}

const summary = Object.fromEntries(
  ways.map((way) => {
    const mine = starts.filter((start) => start.way === way);
    return [
      way,
      {
        readySeconds: median(mine.map((start) => start.readySeconds)),
        processReadySeconds: medians(mine, (start) => start.processReadySeconds),
        rssAfterStartMiB: medians(mine, (start) => start.rssAfterStartMiB),
        rssAfterRequestsMiB: medians(mine, (start) => start.rssAfterRequestsMiB),
      },
    ];
  }),
) as Record<
  Way,
  {
    readySeconds: number;
    processReadySeconds: Record<string, number>;
    rssAfterStartMiB: Record<string, number>;
    rssAfterRequestsMiB: Record<string, number>;
  }
>;

const names = Object.keys(summary.loader.rssAfterStartMiB);
const sum = (values: Record<string, number>) => Object.values(values).reduce((a, b) => a + b, 0);
const cell = (value: number, digits: number) => value.toFixed(digits).padStart(9);
console.log(
  `\nmedians of ${rounds} starts each, ${requests} joint-list queries; load ${loadavg()[0]?.toFixed(2)} on ${cpus().length} cores`,
);
console.log(`${'process'.padEnd(16)}${'ready s'.padStart(20)}${'RSS start MiB'.padStart(20)}${'RSS after MiB'.padStart(20)}`);
console.log(`${''.padEnd(16)}${'   loader compiled'.padStart(20).repeat(3)}`);
for (const name of names) {
  const row = (pick: (way: Way) => number, digits: number) =>
    ways
      .map((way) => cell(pick(way), digits))
      .join('')
      .padStart(20);
  console.log(
    `${name.padEnd(16)}${row((way) => summary[way].processReadySeconds[name] ?? Number.NaN, 2)}${row((way) => summary[way].rssAfterStartMiB[name] ?? Number.NaN, 0)}${row((way) => summary[way].rssAfterRequestsMiB[name] ?? Number.NaN, 0)}`,
  );
}
console.log(
  `${'whole hub'.padEnd(16)}${ways
    .map((way) => cell(summary[way].readySeconds, 2))
    .join('')
    .padStart(20)}${ways
    .map((way) => cell(sum(summary[way].rssAfterStartMiB), 0))
    .join('')
    .padStart(20)}${ways
    .map((way) => cell(sum(summary[way].rssAfterRequestsMiB), 0))
    .join('')
    .padStart(20)}`,
);

await mkdir(`${repoRoot}bench/results`, { recursive: true });
await writeFile(
  `${repoRoot}bench/results/start.json`,
  `${JSON.stringify({ measuredAt: new Date().toISOString(), rounds, requests, load: loadavg(), cores: cpus().length, summary, starts }, null, 2)}\n`,
);
console.log('wrote bench/results/start.json');
