import type { Viewer } from '@hub/contracts';
import type { FormattedExecutionResult, GraphQLError } from 'graphql';
import type { Client } from 'graphql-ws';
import type { LivePlan } from './completion.ts';
import { asExecutionResult } from './results.ts';
import { Subscriber } from './subscriber.ts';

/** What a live group needs from the gateway. */
export interface LiveGroupDependencies {
  /** The graphql-ws client of the subgraph that owns the subscription field. */
  readonly upstream: Client;
  /** Runs a completion query through the gateway's own planner, as `viewer`. */
  readonly complete: (query: string, variables: Record<string, unknown>, viewer: Viewer) => Promise<FormattedExecutionResult>;
  readonly counters: LiveCounters;
}

export interface LiveCounters {
  upstreamSubscriptions: number;
  completions: number;
  deliveries: number;
}

const maxBackoffMs = 5000;
/** Completions of one group running at once; beyond this the group stops reading upstream. */
const maxInFlight = 16;

/**
 * All clients with the same subscription (document, variables and visibility) share one group:
 * one upstream subscription to the owning subgraph, one completion per event, fanned out to
 * each client's bounded queue. The upstream stream resumes from the last cursor after a failure,
 * so a subgraph restart loses nothing. The group ends when its last client leaves.
 */
export class LiveGroup {
  private readonly subscribers = new Set<Subscriber>();
  /** The last event taken from upstream (delivered or queued for delivery). */
  private lastCursor: string | null;
  /** Completions started and not yet delivered, and the chain that delivers them in order. */
  private inFlight = 0;
  private delivered: Promise<void> = Promise.resolve();
  private stopUpstream: (() => void) | null = null;
  private disposed = false;

  constructor(
    private readonly plan: LivePlan,
    private readonly visibility: Viewer,
    private readonly deps: LiveGroupDependencies,
    private readonly onEmpty: () => void,
  ) {
    this.lastCursor = plan.after;
    void this.run();
  }

  get size(): number {
    return this.subscribers.size;
  }

  /** Adds a client; its queue holds at most `capacity` undelivered events. */
  join(capacity: number): Subscriber {
    const subscriber = new Subscriber(capacity, (leaving) => this.leave(leaving));
    this.subscribers.add(subscriber);
    return subscriber;
  }

  /** Ends every client's stream with errors (e.g. the supergraph changed), then the group. */
  failAll(errors: readonly GraphQLError[]): void {
    for (const subscriber of [...this.subscribers]) {
      subscriber.fail(errors);
    }
  }

  /** Ends every client's stream normally (gateway shutdown), then the group. */
  endAll(): void {
    for (const subscriber of [...this.subscribers]) {
      subscriber.end();
    }
  }

  private leave(subscriber: Subscriber): void {
    this.subscribers.delete(subscriber);
    if (this.subscribers.size === 0 && !this.disposed) {
      this.disposed = true;
      this.stopUpstream?.();
      this.onEmpty();
    }
  }

  private async run(): Promise<void> {
    let backoff = 200;
    while (!this.disposed) {
      try {
        await this.follow();
        backoff = 200;
      } catch (error) {
        if (this.disposed) {
          return;
        }
        if (Array.isArray(error)) {
          // The subgraph refused the subscription itself (bad arguments): retrying cannot help.
          this.failAll(asExecutionResult({ errors: error }).errors ?? []);
          return;
        }
        console.warn(`[live] upstream stream failed, resuming after ${this.lastCursor ?? 'now'}: ${(error as Error).message ?? error}`);
        await new Promise((resolve) => setTimeout(resolve, backoff));
        backoff = Math.min(backoff * 2, maxBackoffMs);
      }
    }
  }

  /** Follows the upstream stream until it ends or fails, completing and delivering each event. */
  /**
   * Follows the upstream stream until it ends or fails. Each event's completion starts at once
   * (up to `maxInFlight` at a time, so a slow round trip does not hold the next events back),
   * and results are delivered strictly in cursor order through `delivered`.
   */
  private async follow(): Promise<void> {
    const variables = { ...this.plan.upstreamVariables, after: this.lastCursor };
    const events = this.deps.upstream.iterate<{ [field: string]: { cursor: string } }>({ query: this.plan.upstreamQuery, variables });
    this.stopUpstream = () => void events.return?.();
    this.deps.counters.upstreamSubscriptions += 1;
    for await (const event of events) {
      if (event.errors?.length) {
        throw event.errors;
      }
      const cursor = Object.values(event.data ?? {})[0]?.cursor;
      if (!cursor || this.disposed) {
        continue;
      }
      // Queued events will be delivered even if the stream fails now: resume after the last one.
      this.lastCursor = cursor;
      const result = this.complete(cursor);
      this.inFlight += 1;
      this.delivered = this.delivered.then(async () => {
        this.publish(cursor, await result);
        this.inFlight -= 1;
      });
      if (this.inFlight >= maxInFlight) {
        await this.delivered;
      }
    }
  }

  private async complete(cursor: string): Promise<FormattedExecutionResult> {
    try {
      return await this.deps.complete(this.plan.completionQuery, { ...this.plan.completionVariables, __cursor: cursor }, this.visibility);
    } catch (error) {
      return {
        errors: [
          { message: `The event could not be completed: ${(error as Error).message}`, extensions: { code: 'INTERNAL_SERVER_ERROR' } },
        ],
      };
    } finally {
      this.deps.counters.completions += 1;
    }
  }

  private publish(cursor: string, result: FormattedExecutionResult): void {
    const payload = asExecutionResult({
      data: { [this.plan.responseKey]: result.data?.[this.plan.responseKey] ?? null },
      ...(result.errors?.length ? { errors: result.errors } : {}),
    });
    for (const subscriber of this.subscribers) {
      subscriber.push(payload, cursor);
      this.deps.counters.deliveries += 1;
    }
  }
}
