import autocannon from 'autocannon';
import { occurrences, type Workload } from './workloads.ts';

/** What one load run measured at the client. */
export interface LoadResult {
  /** Answers received. */
  readonly completed: number;
  /** Requests sent, answered or not (the gateway works on those still in flight at the end too). */
  readonly sent: number;
  readonly seconds: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Connection errors, timeouts (no answer in 30 s), non-2xx answers, and answers with errors or the wrong number of items. */
  readonly failures: { errors: number; timeouts: number; non2xx: number; wrongAnswers: number };
  /** The start of the first wrong answer, if any. */
  readonly firstWrongAnswer: string | null;
}

/**
 * Sends `workload` over `connections` keep-alive connections (autocannon, each connection sending
 * its next request when the previous answer arrived) for `seconds`. Every answer is checked: no
 * `"errors"` and `expectedItems` items (counted by the workload's marker).
 */
export async function runLoad(options: {
  url: string;
  workload: Workload;
  expectedItems: number;
  connections: number;
  seconds: number;
}): Promise<LoadResult> {
  const { workload, expectedItems } = options;
  let firstWrongAnswer: string | null = null;
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: workload.body,
    // Beyond any latency a loaded machine gives these runs: a request still unanswered is lost.
    timeout: 30,
    verifyBody: (body) => {
      const right = !body.includes('"errors":') && occurrences(body, workload.marker) === expectedItems;
      if (!right) {
        firstWrongAnswer ??= body.slice(0, 500);
      }
      return right;
    },
  });
  return {
    completed: result.requests.total,
    sent: result.requests.sent,
    seconds: result.duration,
    requestsPerSecond: result.requests.total / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    // autocannon counts a timeout as an error too.
    failures: {
      errors: result.errors - result.timeouts,
      timeouts: result.timeouts,
      non2xx: result.non2xx,
      wrongAnswers: result.mismatches,
    },
    firstWrongAnswer,
  };
}
