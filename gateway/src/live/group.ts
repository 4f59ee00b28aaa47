import { ErrorCode, type Viewer } from '@hub/contracts';
import { logger } from '@hub/http/log';
import { contextFromTraceparent, inSpan } from '@hub/http/tracing';
import type { ExecutionResult, FormattedExecutionResult, GraphQLError, GraphQLFormattedError } from 'graphql';
import type { Client } from 'graphql-ws';
import type { LivePlan } from './completion.ts';
import { asExecutionResult } from './results.ts';
import { cursorAfter, type DirectChannel, Subscriber } from './subscriber.ts';
import { describeUpstreamFailure } from './upstream-client.ts';

const log = logger('live');

/** What a live group needs from the gateway. */
export interface LiveGroupDependencies {
  /** Runs a completion query through the gateway's own planner, as `viewer`. */
  readonly complete: (query: string, variables: Record<string, unknown>, viewer: Viewer) => Promise<FormattedExecutionResult>;
  readonly counters: LiveCounters;
  /** Told of each event as it arrives, before it is completed and delivered (the response cache drops what it changes). */
  readonly onEvent?: (upstreamVariables: Readonly<Record<string, unknown>>) => void;
}

export interface LiveCounters {
  upstreamSubscriptions: number;
  completions: number;
  completionRetries: number;
  deliveries: number;
}

const firstBackoffMs = 200;
const maxBackoffMs = 5000;
/** Completions of one group running at once; beyond this the group stops reading upstream. */
const maxInFlight = 16;

/** Upstream answers that retrying cannot change: the clients are told and the group ends. */
const refusalCodes = new Set<unknown>([
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.CURSOR_EXPIRED,
  ErrorCode.FORBIDDEN,
  ErrorCode.NOT_FOUND,
  ErrorCode.UNAUTHENTICATED,
  'GRAPHQL_VALIDATION_FAILED',
]);
/** Completion failures that pass with time (a subgraph or its database is down): the event is completed again. */
const transientCodes = new Set<unknown>([ErrorCode.SUBGRAPH_UNAVAILABLE, ErrorCode.UNAVAILABLE]);
/** How long an event missing only a part (one partner down) waits for it before it is sent as it is. */
const partialPatienceMs = 30_000;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The upstream's refusal, when an error from graphql-ws is one (an array of GraphQL errors with a final code). */
function refusalOf(error: unknown): readonly GraphQLError[] | null {
  if (!Array.isArray(error)) {
    return null;
  }
  const errors = error as GraphQLFormattedError[];
  return errors.some((e) => refusalCodes.has(e.extensions?.code)) ? (asExecutionResult({ errors }).errors ?? null) : null;
}

/**
 * All clients with the same stream (subscription and visibility) share one group: one upstream
 * subscription to the owning subgraph, one completion per event, fanned out to each client's
 * bounded queue. The group keeps the last delivered events, so a client resuming from a cursor
 * the group has passed gets what it missed from them; a client further behind needs a group of
 * its own (`covers`). The upstream stream resumes from the last cursor after any failure, and an
 * event whose completion fails because a subgraph is down is completed again, so neither a
 * subgraph restart nor a database outage loses an event. The group ends when its last client leaves.
 */
export class LiveGroup {
  private readonly subscribers = new Set<Subscriber>();
  /** Delivered events, oldest first, at most `historySize`. */
  private readonly history: { cursor: string; payload: ExecutionResult; serialized: string }[] = [];
  /** Every delivered event after this cursor is in `history` or yet to come; null while unknown. */
  private floor: string | null;
  /** The last event taken from upstream (delivered or queued for delivery): where to resume. */
  private lastTaken: string | null;
  /** Completions started and not yet delivered, and the chain that delivers them in order. */
  private inFlight = 0;
  private delivered: Promise<void> = Promise.resolve();
  private stopUpstream: (() => void) | null = null;
  private disposed = false;

  constructor(
    private plan: LivePlan,
    private upstream: Client,
    private readonly visibility: Viewer,
    private readonly deps: LiveGroupDependencies,
    private readonly historySize: number,
    private readonly onEmpty: () => void,
  ) {
    this.floor = plan.after;
    this.lastTaken = plan.after;
    void this.run();
  }

  get size(): number {
    return this.subscribers.size;
  }

  /** Whether a client resuming after `after` (null: from now on) receives every later event here. */
  covers(after: string | null): boolean {
    return after === null || (this.floor !== null && !cursorAfter(this.floor, after));
  }

  /**
   * Adds a client that has every event up to `after`; its queue holds at most `capacity`
   * undelivered events. With a direct channel, events go straight to its socket as frames.
   */
  join(after: string | null, capacity: number, direct: DirectChannel | null = null): Subscriber {
    const subscriber = new Subscriber(capacity, after, (leaving) => this.leave(leaving), direct);
    if (after !== null) {
      for (const { cursor, payload, serialized } of this.history) {
        subscriber.push(payload, cursor, serialized);
      }
    }
    this.subscribers.add(subscriber);
    return subscriber;
  }

  /**
   * Follows a new plan of the same subscription (the supergraph changed): the upstream stream is
   * reopened, from the last cursor, with the new plan; the clients notice nothing.
   */
  replan(plan: LivePlan, upstream: Client): void {
    this.plan = plan;
    this.upstream = upstream;
    this.stopUpstream?.();
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
    let backoff = firstBackoffMs;
    while (!this.disposed) {
      try {
        await this.follow();
        backoff = firstBackoffMs;
      } catch (error) {
        if (this.disposed) {
          return;
        }
        const refusal = refusalOf(error);
        if (refusal) {
          this.failAll(refusal);
          return;
        }
        const reason = describeUpstreamFailure(error);
        log.warn(`upstream stream failed, resuming after ${this.lastTaken ?? 'now'} in ${backoff} ms: ${reason}`);
        await pause(backoff);
        backoff = Math.min(backoff * 2, maxBackoffMs);
      }
    }
  }

  /**
   * Follows the upstream stream until it ends or fails. Each event's completion starts at once
   * (up to `maxInFlight` at a time, so a slow round trip does not hold the next events back),
   * and results are delivered strictly in cursor order through `delivered`.
   */
  private async follow(): Promise<void> {
    const variables = { ...this.plan.upstreamVariables, after: this.lastTaken };
    const events = this.upstream.iterate<{ [field: string]: { cursor: string } }>({ query: this.plan.upstreamQuery, variables });
    let stopped = false;
    this.stopUpstream = () => {
      stopped = true;
      void events.return?.();
    };
    this.deps.counters.upstreamSubscriptions += 1;
    for await (const event of events) {
      if (event.errors?.length) {
        throw event.errors;
      }
      const cursor = Object.values(event.data ?? {})[0]?.cursor;
      if (!cursor || this.disposed || !cursorAfter(cursor, this.lastTaken)) {
        continue;
      }
      // Queued events will be delivered even if the stream fails now: resume after the last one.
      this.lastTaken = cursor;
      this.deps.onEvent?.(this.plan.upstreamVariables);
      // Each completion is a trace of its own: the event came over the upstream stream, without one.
      const attributes = { 'hub.live.field': this.plan.responseKey, 'hub.live.cursor': cursor };
      const result = inSpan('live completion', { parent: contextFromTraceparent(null), attributes }, () => this.complete(cursor));
      this.inFlight += 1;
      this.delivered = this.delivered.then(async () => {
        this.publish(cursor, await result);
        this.inFlight -= 1;
      });
      if (this.inFlight >= maxInFlight) {
        await this.delivered;
      }
    }
    if (!stopped && !this.disposed) {
      // The subgraph ended the stream (it is shutting down): resume shortly, not in a tight loop.
      await pause(firstBackoffMs);
    }
  }

  /**
   * Completes one event, again while a subgraph it needs is unavailable: until it succeeds when
   * the whole event is missing, for up to 30 s when a part is (then the part is sent as missing).
   */
  private async complete(cursor: string): Promise<FormattedExecutionResult> {
    const started = Date.now();
    let backoff = firstBackoffMs;
    while (true) {
      let result: FormattedExecutionResult;
      try {
        result = await this.deps.complete(
          this.plan.completionQuery,
          { ...this.plan.completionVariables, __cursor: cursor },
          this.visibility,
        );
      } catch (error) {
        log.error({ err: error }, 'completing an event failed');
        result = { errors: [{ message: 'The event could not be completed', extensions: { code: ErrorCode.INTERNAL } }] };
      }
      this.deps.counters.completions += 1;
      const transient = result.errors?.some((e) => transientCodes.has(e.extensions?.code));
      // Without its root the event says nothing: wait for the subgraph however long it takes.
      // With only a part missing, wait a while, then send what there is (errors name the part).
      const missing = result.data?.[this.plan.responseKey] == null;
      if (this.disposed || !transient || (!missing && Date.now() - started > partialPatienceMs)) {
        return result;
      }
      this.deps.counters.completionRetries += 1;
      await pause(backoff);
      backoff = Math.min(backoff * 2, maxBackoffMs);
    }
  }

  private publish(cursor: string, result: FormattedExecutionResult): void {
    const value = result.data?.[this.plan.responseKey] ?? null;
    if (value === null && !result.errors?.length) {
      return; // the event is gone (pruned meanwhile): there is nothing to tell
    }
    // A subscription field is non-null: an event that could not be completed has no data at all.
    const payload = asExecutionResult({
      data: value === null ? null : { [this.plan.responseKey]: value },
      ...(result.errors?.length ? { errors: result.errors } : {}),
    });
    // Serialized once for every client (errors by their toJSON, as graphql-ws would).
    const serialized = JSON.stringify(payload);
    this.history.push({ cursor, payload, serialized });
    if (this.history.length > this.historySize) {
      this.floor = this.history.shift()?.cursor ?? this.floor;
    }
    // A group started "from now" knows its coverage from its first event on.
    this.floor ??= cursor;
    for (const subscriber of this.subscribers) {
      subscriber.push(payload, cursor, serialized);
      this.deps.counters.deliveries += 1;
    }
  }
}
