import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { seedLargeAlliance } from '../../test/support/bulk.ts';
import { median } from '../figures.ts';
import { benchDataDir } from '../hub-stack.ts';
import type { GatewayBenchConfig } from './config.ts';
import { hubCacheOff, startGateways } from './gateways.ts';
import { vacuumAnalyze } from './postgres.ts';
import { openSqlTime, preloadStatementStats, type SqlTime } from './sql-time.ts';
import { startSubgraphsOnly } from './stack.ts';
import { jointListQuery, maxPageSize } from './workloads.ts';

/** One list size and page: the hub's latency and PostgreSQL's time for the request's SQL. */
export interface SizeCase {
  /** Published items on the alliance's joint list. */
  readonly items: number;
  /** `first`: 50, or the whole list (at most 1,000, the largest page). */
  readonly first: number;
  readonly label: string;
  readonly requests: number;
  /** Client-side, from sending the request to the whole answer's arrival. */
  readonly pageP50Ms: number;
  readonly pageP90Ms: number;
  /** Median over the requests of PostgreSQL's planning + execution time for each one's statements (NaN when not measurable). */
  readonly sqlP50Ms: number;
  readonly statementsPerRequest: number;
  /** pageP50Ms ÷ sqlP50Ms. */
  readonly ratio: number;
  /** Each request's page time, SQL time (ms) and statements, in order. */
  readonly samples: { pageMs: number; sqlMs: number; statements: number }[];
}

export interface SizesResults {
  readonly cases: SizeCase[];
  /** Why the SQL time is missing, when it is. */
  readonly sqlTimeUnavailable: string | null;
  /** The goals, each with its figure and whether it was met. */
  readonly goals: { goal: string; figure: string; met: boolean }[];
  readonly failures: string[];
}

const progress = (line: string) => console.log(`· ${line}`);
const stackName = 'gateway_sizes';

/** Asks for the first `first` items and checks the answer; returns the client-side time in ms. */
async function askPage(url: string, allianceId: string, first: number, expected: number): Promise<number> {
  const body = JSON.stringify({ query: jointListQuery, variables: { id: allianceId, first } });
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const text = await response.text();
  const elapsed = performance.now() - started;
  const answer = JSON.parse(text) as { data?: { alliance?: { coBuildingList?: { edges?: unknown[] } } }; errors?: unknown[] };
  const edges = answer.data?.alliance?.coBuildingList?.edges?.length;
  if (!response.ok || answer.errors?.length || edges !== expected) {
    throw new Error(`The joint list answered ${response.status} with ${edges} of ${expected} items: ${text.slice(0, 400)}`);
  }
  return elapsed;
}

/** `items` in a random order (Fisher–Yates). */
function shuffled<T>(items: readonly T[]): T[] {
  const result = [...items];
  for (let i = result.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [result[i], result[j]] = [result[j] as T, result[i] as T];
  }
  return result;
}

/** The cases: a first page of 50 for every size, then each whole list (the first 1,000 of a longer one). */
function casesOf(sizes: readonly number[]): { items: number; first: number; label: string }[] {
  return [
    ...sizes.map((items) => ({ items, first: Math.min(50, items), label: `first ${Math.min(50, items)}` })),
    ...sizes.map((items) => {
      const first = Math.min(items, maxPageSize);
      return { items, first, label: first === items ? `all ${items.toLocaleString('en')}` : `first ${first.toLocaleString('en')}` };
    }),
  ];
}

/**
 * `pnpm bench:gateway -- --sizes`: the hub's gateway (response cache off) alone, on alliances with
 * each size of list; per case, `sizesRequests` requests after five unmeasured ones, one at a time,
 * the cases taking turns, each with PostgreSQL's time for its own statements (pg_stat_statements,
 * reset before each).
 */
export async function runSizes(config: GatewayBenchConfig): Promise<SizesResults> {
  if (!config.databaseUrl) {
    progress('making the benchmark cluster load pg_stat_statements…');
    await preloadStatementStats(benchDataDir(stackName), config.postgresPort);
  }
  progress(`starting the hub's subgraphs and PostgreSQL (port ${config.port})…`);
  const stack = await startSubgraphsOnly(config, stackName);
  let stopGateway: () => Promise<void> = async () => {};
  let sqlTime: SqlTime | null = null;
  try {
    const started = await startGateways({
      specs: [hubCacheOff],
      firstPort: config.port + 10,
      subgraphUrls: stack.subgraphUrls,
      keysFile: join(stack.keysDir, 'gateway.jwks.json'),
      log: config.log ? (line) => console.log(line) : () => {},
    });
    stopGateway = started.stop;
    const url = started.gateways[0]?.url ?? '';
    const opened = await openSqlTime(stack.postgres.serverUrl, stack.postgres.databases, stack.postgres.embedded);
    sqlTime = typeof opened === 'string' ? null : opened;

    const alliances = new Map<number, string>();
    for (const size of config.sizes) {
      const seeding = performance.now();
      alliances.set(size, await seedLargeAlliance(stack, size));
      progress(
        `an alliance with ${size.toLocaleString('en')} published items (seeded in ${((performance.now() - seeding) / 1000).toFixed(1)} s)`,
      );
    }
    await vacuumAnalyze(Object.values(stack.databaseUrls));

    // The cases take turns, one request each, so the machine's busy moments fall on all alike.
    const plan = casesOf(config.sizes).map((c) => ({ ...c, allianceId: alliances.get(c.items) as string }));
    const samples = plan.map(() => [] as SizeCase['samples']);
    progress(`${plan.length} cases, 5 unmeasured requests each, then ${config.sizesRequests} each, taking turns…`);
    for (let i = 0; i < 5; i += 1) {
      for (const c of plan) {
        await askPage(url, c.allianceId, c.first, c.first);
      }
    }
    for (let i = 0; i < config.sizesRequests; i += 1) {
      // A new order each turn, so no case always follows the same one (a heavy answer leaves
      // garbage for the next request to meet).
      for (const index of shuffled(plan.map((_, index) => index))) {
        const c = plan[index] as (typeof plan)[number];
        await sqlTime?.reset();
        const pageMs = await askPage(url, c.allianceId, c.first, c.first);
        const spent = await sqlTime?.read();
        samples[index]?.push({ pageMs, sqlMs: spent?.ms ?? Number.NaN, statements: spent?.statements ?? Number.NaN });
      }
    }
    const cases = plan.map(({ items, first, label }, index): SizeCase => {
      const mine = samples[index] ?? [];
      const pages = mine.map((sample) => sample.pageMs);
      const sorted = [...pages].sort((a, b) => a - b);
      const pageP50Ms = median(pages);
      const sqlP50Ms = median(mine.map((sample) => sample.sqlMs));
      return {
        items,
        first,
        label,
        requests: pages.length,
        pageP50Ms,
        pageP90Ms: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.9))] ?? Number.NaN,
        sqlP50Ms,
        statementsPerRequest: median(mine.map((sample) => sample.statements)),
        ratio: pageP50Ms / sqlP50Ms,
        samples: mine,
      };
    });
    const failures = stack.exitedProcesses().map((name) => `${name} exited during the run`);
    return { cases, sqlTimeUnavailable: typeof opened === 'string' ? opened : null, goals: goalsOf(cases), failures };
  } finally {
    await sqlTime?.close();
    progress('stopping the gateway and the hub…');
    await stopGateway();
    await stack.stop();
  }
}

/** The two goals, where the cases measured them. */
function goalsOf(cases: readonly SizeCase[]): SizesResults['goals'] {
  const goals: SizesResults['goals'] = [];
  const whole = cases.find((c) => c.items === 1000 && c.first === 1000);
  if (whole) {
    goals.push({
      goal: 'the whole 1,000-item list within 2× of its own SQL time',
      figure: `${whole.pageP50Ms.toFixed(1)} ms ÷ ${whole.sqlP50Ms.toFixed(1)} ms = ${whole.ratio.toFixed(2)}×`,
      met: whole.ratio <= 2,
    });
  }
  const small = cases.find((c) => c.items === 300 && c.first === 50);
  const large = cases.find((c) => c.items === 20_000 && c.first === 50);
  if (small && large) {
    const growth = large.pageP50Ms / small.pageP50Ms - 1;
    goals.push({
      goal: 'a 50-item page of a 20,000-item list at most 10 % slower than of a 300-item one',
      figure: `${large.pageP50Ms.toFixed(1)} ms vs ${small.pageP50Ms.toFixed(1)} ms: ${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(0)} %`,
      met: growth <= 0.1,
    });
  }
  return goals;
}
