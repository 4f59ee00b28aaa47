import type { ServerResponse } from 'node:http';
import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { sendJson } from './index.ts';

export { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Request duration buckets in seconds, 5 ms to 10 s (a subgraph call to a whole gateway answer). */
export const durationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** The process's one registry, with prom-client's default process and Node.js metrics. */
export function createRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}

/** The label of a request whose operation has no name. */
export const anonymousLabel = '(anonymous)';
/** The label shared by every value past a label's capacity, or not shaped like a GraphQL name. */
export const otherLabel = '(other)';

/**
 * Keeps a label's values bounded: the first `capacity` distinct GraphQL names keep their own
 * value, later ones (and anything not shaped like a name) share `(other)`, a missing one is
 * `(anonymous)`. Clients choose operation names, so without this each new name would add a
 * whole histogram's series to the process for ever.
 */
export class BoundedLabel {
  private readonly known = new Set<string>();

  constructor(readonly capacity: number) {}

  of(value: string | null | undefined): string {
    if (!value) {
      return anonymousLabel;
    }
    if (this.known.has(value)) {
      return value;
    }
    if (this.known.size >= this.capacity || !/^[A-Za-z_][A-Za-z0-9_]{0,99}$/.test(value)) {
      return otherLabel;
    }
    this.known.add(value);
    return value;
  }
}

/**
 * A counter whose value is kept elsewhere (a plain field another module counts), read at each
 * scrape. For figures that modules without prom-client already count.
 */
export function sampledCounter(registry: Registry, name: string, help: string, read: () => number): void {
  new Counter({
    name,
    help,
    registers: [registry],
    collect() {
      this.reset();
      this.inc(read());
    },
  });
}

/** A gauge read at each scrape; NaN when the reading fails (a database that does not answer). */
export function sampledGauge(registry: Registry, name: string, help: string, read: () => number | Promise<number>): void {
  new Gauge({
    name,
    help,
    registers: [registry],
    async collect() {
      try {
        this.set(await read());
      } catch {
        this.set(Number.NaN);
      }
    },
  });
}

/** Answers GET /metrics in Prometheus text format. */
export async function sendMetrics(response: ServerResponse, registry: Registry): Promise<void> {
  const text = await registry.metrics();
  response.writeHead(200, { 'content-type': registry.contentType });
  response.end(text);
}

/** What a process needs to serve: name → a check that resolves when that part answers. */
export type ReadinessChecks = Record<string, () => Promise<unknown>>;

/** How long one readiness check may take before it counts as not ready. */
export const readinessTimeoutMs = 2000;

/** The names of the checks that failed or took longer than `timeoutMs`, run side by side. */
export async function notReady(checks: ReadinessChecks, timeoutMs = readinessTimeoutMs): Promise<string[]> {
  const names = Object.keys(checks);
  const results = await Promise.allSettled(
    names.map((name) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timed out')), timeoutMs);
      });
      return Promise.race([(checks[name] as () => Promise<unknown>)(), timeout]).finally(() => clearTimeout(timer));
    }),
  );
  return names.filter((_, index) => results[index]?.status === 'rejected');
}

/**
 * Answers GET /health/ready: 200 `{ status: 'ready' }`, or 503 `{ status: 'not ready',
 * notReady: [names] }`. Names only: causes (addresses, driver messages) stay out of a public body.
 */
export async function sendReadiness(response: ServerResponse, checks: ReadinessChecks): Promise<void> {
  const failing = await notReady(checks);
  if (failing.length === 0) {
    return sendJson(response, 200, { status: 'ready' });
  }
  sendJson(response, 503, { status: 'not ready', notReady: failing });
}
