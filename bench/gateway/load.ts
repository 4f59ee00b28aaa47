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
  /** Connection errors, timeouts, non-2xx answers, and answers with errors or the wrong number of items. */
  readonly failures: { errors: number; timeouts: number; non2xx: number; wrongAnswers: number };
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
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: workload.body,
    verifyBody: (body) => !body.includes('"errors":') && occurrences(body, workload.marker) === expectedItems,
  });
  return {
    completed: result.requests.total,
    sent: result.requests.sent,
    seconds: result.duration,
    requestsPerSecond: result.requests.total / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failures: { errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx, wrongAnswers: result.mismatches },
  };
}
