import { continueTraces, inSpan } from '@hub/http/tracing';
import { backgroundFork, backgroundTransaction, executeInBackground, type Registry, sampledCounter, sampledGauge } from '@hub/subgraph-kit';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Outbox } from './entities.ts';
import type { EventTransport } from './event-transports.ts';
import { startRetryingLoop } from './retrying-loop.ts';

/** The advisory lock that lets one replica of a partner subgraph relay at a time. */
const relayLockKey = 7_340_001;
const keepDeliveredMs = 7 * 86_400_000;
const pruneEveryMs = 3_600_000;

export interface RelayOptions {
  readonly orm: MikroORM;
  /** How a batch reaches the alliance: its `/ingest` over HTTP or NATS JetStream (`event-transports.ts`). */
  readonly transport: EventTransport;
  /** This subgraph's name; the relay authenticates as `relay:<name>`. */
  readonly subgraph: string;
  /** Events per delivery. Default 200. */
  readonly batchSize?: number;
  /** How often to look for undelivered rows when not nudged. Default 500 ms. */
  readonly idleMs?: number;
  /** Longest wait between retries while the alliance is unreachable. Default 5 s. */
  readonly maxBackoffMs?: number;
}

export interface OutboxRelay {
  /** Deliver now (called after a transaction that wrote outbox rows). */
  nudge(): void;
  /** Counters for /metrics. */
  readonly stats: { readonly delivered: number; readonly failedAttempts: number };
  /** Stops after the delivery in flight, if any. */
  stop(): Promise<void>;
}

/**
 * Delivers outbox rows in `seq` order to the alliance, in batches, until each batch is
 * acknowledged (by the alliance, or by JetStream having stored it); then marks them delivered.
 * While the alliance (or NATS) is unreachable it retries with exponential backoff, so an outage
 * delays events but loses none. The alliance ingests idempotently by event id, so a batch re-sent
 * after a lost acknowledgement is harmless.
 */
export function startOutboxRelay(options: RelayOptions): OutboxRelay {
  const batchSize = options.batchSize ?? 200;
  let delivered = 0;
  let prunedAt = 0;

  /**
   * Delivers the next batch. The batch is read and marked inside one transaction holding an
   * advisory lock, so with several replicas of this subgraph only one relays at a time and the
   * order holds; the others find the lock taken and wait for the next round.
   */
  async function deliverBatch(): Promise<number> {
    return backgroundTransaction(options.orm, async (em) => {
      const [lock] = await executeInBackground<{ locked: boolean }[]>(em, 'select pg_try_advisory_xact_lock(?) as locked', [relayLockKey]);
      if (!lock?.locked) {
        return 0;
      }
      const rows = await em.find(Outbox, { deliveredAt: null }, { orderBy: { seq: 'asc' }, limit: batchSize });
      if (rows.length === 0) {
        return 0;
      }
      // The delivery continues the trace of the write that queued its first event (ADR 0019).
      const traces = continueTraces(rows.map((row) => row.traceparent));
      const attributes = { 'hub.subgraph': options.subgraph, 'hub.outbox.events': rows.length };
      await inSpan('outbox delivery', { ...traces, attributes }, async () => {
        await options.transport(rows);
      });
      await em.nativeUpdate(Outbox, { seq: { $in: rows.map((row) => row.seq) } }, { deliveredAt: new Date() });
      delivered += rows.length;
      return rows.length;
    });
  }

  /** Deletes delivered rows older than a week (the alliance keeps what it needs). */
  async function prune(): Promise<void> {
    const before = new Date(Date.now() - keepDeliveredMs);
    await backgroundFork(options.orm).nativeDelete(Outbox, { deliveredAt: { $lt: before } });
  }

  const loop = startRetryingLoop({
    label: `relay:${options.subgraph}`,
    activity: 'delivery',
    idleMs: options.idleMs ?? 500,
    maxBackoffMs: options.maxBackoffMs ?? 5000,
    async round() {
      if (Date.now() - prunedAt > pruneEveryMs) {
        await prune();
        prunedAt = Date.now();
      }
      return (await deliverBatch()) === batchSize ? 'more' : 'idle';
    },
  });

  return {
    stats: {
      get delivered() {
        return delivered;
      },
      get failedAttempts() {
        return loop.failures();
      },
    },
    nudge: loop.nudge,
    stop: loop.stop,
  };
}

/** Events not yet delivered and the age of the oldest, in one statement. */
async function readBacklog(orm: MikroORM): Promise<{ pending: number; lagSeconds: number }> {
  const [row] = await executeInBackground<{ pending: number; lag_seconds: number }[]>(
    backgroundFork(orm),
    `select count(*)::int as pending, coalesce(extract(epoch from now() - min(created_at)), 0)::float8 as lag_seconds
       from outbox where delivered_at is null`,
  );
  return { pending: row?.pending ?? 0, lagSeconds: Math.max(0, row?.lag_seconds ?? 0) };
}

/**
 * The relay's figures: events delivered and failed rounds (counted as it goes), and the backlog
 * read at each scrape — events waiting and the age of the oldest, both 0 once all are delivered.
 */
export function registerRelayMetrics(registry: Registry, orm: MikroORM, relay: OutboxRelay): void {
  sampledCounter(registry, 'hub_outbox_delivered_total', 'Outbox events the alliance acknowledged', () => relay.stats.delivered);
  sampledCounter(
    registry,
    'hub_outbox_failed_attempts_total',
    'Delivery rounds that failed (alliance unreachable or refusing)',
    () => relay.stats.failedAttempts,
  );
  // Both gauges are collected in the same scrape: they share one reading.
  let reading: Promise<{ pending: number; lagSeconds: number }> | null = null;
  const backlog = () => {
    reading ??= readBacklog(orm).finally(() => {
      reading = null;
    });
    return reading;
  };
  sampledGauge(
    registry,
    'hub_outbox_pending_events',
    'Outbox events not yet delivered to the alliance',
    async () => (await backlog()).pending,
  );
  sampledGauge(
    registry,
    'hub_outbox_relay_lag_seconds',
    'Age of the oldest undelivered outbox event; 0 when none waits',
    async () => (await backlog()).lagSeconds,
  );
}
