import { AckPolicy, DeliverPolicy, type JetStreamManager, jetstreamManager, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import { connect, type NatsConnection, nanos } from '@nats-io/transport-node';

/** JetStream drops a message whose id it stored within this window (a relay's retry after a lost PubAck). */
export const duplicateWindowMs = 10 * 60_000;
/** Messages are kept a week, as partners keep delivered outbox rows (a new consumer can replay them). */
const keepMessagesMs = 7 * 86_400_000;
/** A message not acknowledged this long after delivery is delivered again. */
export const ackWaitMs = 10_000;
/** The alliance's durable consumer, shared by all of its replicas. */
export const allianceConsumer = 'alliance';

/** The subject a kind's relay publishes to: `<stream>.<kind>`. */
export function subjectOf(stream: string, kind: string): string {
  return `${stream}.${kind}`;
}

/** The kind a subject belongs to, or null when it is not `<stream>.<kind>`. */
export function kindOfSubject(stream: string, subject: string): string | null {
  const prefix = `${stream}.`;
  const kind = subject.startsWith(prefix) ? subject.slice(prefix.length) : '';
  return /^[a-z0-9-]+$/.test(kind) ? kind : null;
}

/**
 * Connects to NATS, reconnecting for ever after a loss (publishes and acknowledgements made
 * while disconnected fail or wait; callers retry). Rejects when no server answers now.
 */
export function connectNats(servers: string, name: string): Promise<NatsConnection> {
  return connect({ servers: servers.split(','), name, maxReconnectAttempts: -1, reconnectTimeWait: 500 });
}

function isAlreadyThere(error: unknown): boolean {
  return /already in use|already exists/i.test((error as Error).message ?? '');
}

/**
 * Creates the stream of partner events when it is missing: subjects `<stream>.*`, on disk, kept a
 * week, duplicates dropped by message id within `duplicateWindowMs`. Idempotent: publishers and
 * the alliance all call it at start, and one finding it there (made by another) is fine.
 */
export async function ensureEventStream(manager: JetStreamManager, stream: string): Promise<void> {
  try {
    await manager.streams.info(stream);
    return;
  } catch {
    // Missing (or the lookup failed): try to create it below.
  }
  try {
    await manager.streams.add({
      name: stream,
      subjects: [`${stream}.*`],
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      max_age: nanos(keepMessagesMs),
      duplicate_window: nanos(duplicateWindowMs),
    });
  } catch (error) {
    if (!isAlreadyThere(error)) {
      throw error;
    }
  }
}

/**
 * Creates the alliance's durable pull consumer when it is missing: every subject of the stream,
 * from the first message, explicit acknowledgements, redelivered after `ackWaitMs`, never given
 * up on. Idempotent like `ensureEventStream`.
 */
export async function ensureAllianceConsumer(manager: JetStreamManager, stream: string): Promise<void> {
  try {
    await manager.consumers.info(stream, allianceConsumer);
    return;
  } catch {
    // Missing: create it below.
  }
  try {
    await manager.consumers.add(stream, {
      durable_name: allianceConsumer,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ack_wait: nanos(ackWaitMs),
      max_deliver: -1,
      max_ack_pending: 1000,
    });
  } catch (error) {
    if (!isAlreadyThere(error)) {
      throw error;
    }
  }
}

export { jetstreamManager };
