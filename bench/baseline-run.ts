import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { demo } from '@hub/contracts';
import { repoRoot, startServiceProcess } from '@hub/testkit';
import type { BenchConfig } from './config.ts';
import { commitmentIdOf, listChangedQuery } from './live-query.ts';
import { readMetrics } from './metrics.ts';
import { runScenario, type ScenarioResult } from './scenario.ts';

/** The running baseline server, ready for rounds. */
export interface BaselineSession {
  /** Runs the scenario: the same subscription, the hub's events broadcast in the same order. */
  runRound(): Promise<ScenarioResult>;
  stop(): Promise<void>;
}

/**
 * Starts the baseline server (bench/baseline-server.ts, its own process) with `values` — the
 * events as the hub delivered them, warm-up first, keyed by the same commitment ids `keys`.
 * Publish-to-receive is measured from the moment the bench sends the broadcast request.
 * Throws when a value is missing (no hub client received that change).
 */
export async function startBaselineSession(
  config: BenchConfig,
  keys: readonly string[],
  values: readonly unknown[],
  progress: (line: string) => void,
): Promise<BaselineSession> {
  const payloads = values.map((value, change) => {
    const payload = (value as { coBuildingListChanged?: unknown } | undefined)?.coBuildingListChanged;
    if (!payload) {
      throw new Error(`no client of the hub received change ${change}, so the baseline has nothing to replay`);
    }
    return payload;
  });
  const folder = mkdtempSync(join(tmpdir(), 'hub-bench-'));
  const payloadsPath = join(folder, 'payloads.json');
  writeFileSync(payloadsPath, JSON.stringify(payloads));
  progress('starting the baseline server (plain graphql-ws)…');
  const server = await startServiceProcess({
    name: 'baseline',
    entry: 'bench/baseline-server.ts',
    cwd: repoRoot,
    port: config.baselinePort,
    env: { PORT: String(config.baselinePort), BENCH_PAYLOADS: payloadsPath },
    log: config.log ? (line) => console.log(line) : () => {},
  }).catch((error: unknown) => {
    rmSync(folder, { recursive: true, force: true });
    throw error;
  });
  const base = `http://127.0.0.1:${config.baselinePort}`;
  return {
    runRound: () =>
      runScenario(
        {
          wsUrl: `ws://127.0.0.1:${config.baselinePort}/graphql`,
          pid: server.pid,
          async subscribed() {
            return (await readMetrics(`${base}/metrics`)).baseline_clients ?? 0;
          },
          async publish(change) {
            const at = performance.now();
            const response = await fetch(`${base}/broadcast?change=${change}`, { method: 'POST' });
            if (!response.ok) {
              throw new Error(`the baseline refused change ${change}: ${response.status}`);
            }
            return at;
          },
        },
        { config, keys, query: listChangedQuery, variables: { allianceId: demo.alliances.highway }, keyOf: commitmentIdOf },
      ),
    async stop() {
      await server.stop();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
