import { logger } from '@hub/http/log';

/** What one round of a background loop found: more to do at once, nothing for now, or a reason to wait long. */
export type RoundOutcome = 'more' | 'idle' | 'later';

export interface RetryingLoopOptions {
  /** Names the loop in logs, e.g. `relay:enterprise`. */
  readonly label: string;
  /** What a failed round was doing, for the log: "delivery", "pulling". */
  readonly activity: string;
  /** Pause after an idle round. */
  readonly idleMs: number;
  /** Longest pause between retries after failures, and the pause after a `later` round. */
  readonly maxBackoffMs: number;
  /** One round of work; a thrown error is a failure, retried with exponential backoff. */
  readonly round: () => Promise<RoundOutcome>;
}

export interface RetryingLoop {
  /** Starts the next round now (or right after the one in flight). */
  nudge(): void;
  /** Rounds that failed so far, for /metrics. */
  readonly failures: () => number;
  /** Stops after the round in flight, if any. */
  stop(): Promise<void>;
}

/**
 * Runs `round` again and again until stopped: at once after `more`, after `idleMs` after `idle`,
 * after `maxBackoffMs` after `later`, and with backoff doubling from 100 ms to `maxBackoffMs`
 * while rounds fail (logging the first failure and every 20th). A nudge cuts any pause short.
 * The outbox relay and the assignment puller are such loops.
 */
export function startRetryingLoop(options: RetryingLoopOptions): RetryingLoop {
  let stopped = false;
  let failures = 0;
  let wake: (() => void) | null = null;
  let pendingNudge = false;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
      if (pendingNudge) {
        pendingNudge = false;
        done();
      }
    });

  const loop = (async () => {
    let backoff = 100;
    while (!stopped) {
      try {
        const outcome = await options.round();
        backoff = 100;
        if (outcome !== 'more') {
          await sleep(outcome === 'idle' ? options.idleMs : options.maxBackoffMs);
        }
      } catch (error) {
        failures += 1;
        if (failures === 1 || failures % 20 === 0) {
          logger(options.label).warn(`${options.activity} failed, retrying: ${(error as Error).message}`);
        }
        if (!stopped) {
          await sleep(backoff);
        }
        backoff = Math.min(backoff * 2, options.maxBackoffMs);
      }
    }
  })();

  return {
    nudge() {
      if (wake) {
        wake();
      } else {
        pendingNudge = true;
      }
    },
    failures: () => failures,
    async stop() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}
