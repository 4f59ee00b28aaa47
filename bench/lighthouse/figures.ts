import type { Result } from 'lighthouse';

/** What the benchmark keeps of one Lighthouse run. */
export interface PageFigures {
  /** Lighthouse's performance score, 0–100. */
  readonly performance: number;
  /** Lighthouse's accessibility score, 0–100. */
  readonly accessibility: number;
  /** First Contentful Paint, ms. */
  readonly fcpMs: number;
  /** Largest Contentful Paint, ms. */
  readonly lcpMs: number;
  /** Total Blocking Time, ms. */
  readonly tbtMs: number;
  /** Cumulative Layout Shift (unitless). */
  readonly cls: number;
  /** Time to Interactive, ms (no longer scored, still reported). */
  readonly ttiMs: number;
  /** Speed Index, ms. */
  readonly speedIndexMs: number;
  /** Bytes over the network, all requests (as transferred: compressed when the server compressed). */
  readonly transferBytes: number;
  /** Bytes of JavaScript over the network. */
  readonly scriptBytes: number;
  /** Number of requests. */
  readonly requests: number;
  /** Lighthouse's measure of this machine's speed at the time (higher is faster; a loaded machine scores low). */
  readonly benchmarkIndex: number;
}

function numeric(result: Result, audit: string): number {
  const value = result.audits[audit]?.numericValue;
  if (typeof value !== 'number') {
    throw new Error(`Lighthouse gave no value for ${audit}${result.runtimeError ? ` (${result.runtimeError.message})` : ''}`);
  }
  return value;
}

function score(result: Result, category: string): number {
  const value = result.categories[category]?.score;
  if (typeof value !== 'number') {
    throw new Error(`Lighthouse gave no ${category} score${result.runtimeError ? ` (${result.runtimeError.message})` : ''}`);
  }
  return Math.round(value * 100);
}

/** The row of resource-summary's table for one resource type, or zeros. */
function summaryRow(result: Result, type: string): { transferSize: number; requestCount: number } {
  const details = result.audits['resource-summary']?.details as {
    items?: { resourceType: string; transferSize: number; requestCount: number }[];
  };
  return details?.items?.find((item) => item.resourceType === type) ?? { transferSize: 0, requestCount: 0 };
}

/** The figures of one run, from Lighthouse's result. Throws when the run failed (no score). */
export function pageFigures(result: Result): PageFigures {
  return {
    performance: score(result, 'performance'),
    accessibility: score(result, 'accessibility'),
    fcpMs: numeric(result, 'first-contentful-paint'),
    lcpMs: numeric(result, 'largest-contentful-paint'),
    tbtMs: numeric(result, 'total-blocking-time'),
    cls: numeric(result, 'cumulative-layout-shift'),
    ttiMs: numeric(result, 'interactive'),
    speedIndexMs: numeric(result, 'speed-index'),
    transferBytes: numeric(result, 'total-byte-weight'),
    scriptBytes: summaryRow(result, 'script').transferSize,
    requests: summaryRow(result, 'total').requestCount,
    benchmarkIndex: result.environment.benchmarkIndex,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Each figure's median over the runs (figure by figure, as Lighthouse's own guidance does). */
export function medianFigures(runs: readonly PageFigures[]): PageFigures {
  if (runs.length === 0) {
    throw new Error('No run to take the median of');
  }
  const keys = Object.keys(runs[0]!) as (keyof PageFigures)[];
  return Object.fromEntries(keys.map((key) => [key, median(runs.map((run) => run[key]))])) as unknown as PageFigures;
}
