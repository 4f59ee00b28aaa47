import { type InternalSigner, identityHeader } from '@hub/contracts';
import type { EventPublisher } from '@hub/event-stream';
import { postToAlliance, signRelayIdentity } from './alliance-client.ts';
import type { OutboxRow } from './entities.ts';

/**
 * Sends a batch of outbox rows, in order, and resolves once the receiving side has them all;
 * rejects otherwise, and the relay sends the same batch again later.
 */
export type EventTransport = (rows: readonly OutboxRow[]) => Promise<void>;

/** An outbox row as the alliance ingests it (the body of `/ingest`'s events, and of one JetStream message). */
function toEvent(row: OutboxRow) {
  return { eventId: row.eventId, entity: row.entity, entityId: row.entityId, version: row.version, payload: row.payload };
}

/** Delivery over HTTP: POSTs the batch to the alliance's `/ingest` as this relay (10 s timeout). */
export function httpTransport(ingestUrl: string, signer: InternalSigner): EventTransport {
  return async (rows) => {
    const response = await postToAlliance(ingestUrl, { events: rows.map(toEvent) }, signer, 10_000);
    if (!response.ok) {
      throw new Error(`alliance ingestion answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
    }
  };
}

/**
 * Delivery over NATS JetStream (ADR 0021): one message per row on this kind's subject, its
 * event id as JetStream's message id (a batch sent again is dropped as duplicates), each
 * carrying the relay's signed identity for the alliance (the token `/ingest` gets) and the
 * trace of the write that queued it. Done once JetStream stored every message.
 */
export function jetStreamTransport(publisher: EventPublisher, signer: InternalSigner): EventTransport {
  return async (rows) => {
    const token = await signRelayIdentity(signer);
    await publisher.publish(
      signer.issuer,
      rows.map((row) => ({
        id: row.eventId,
        data: JSON.stringify(toEvent(row)),
        headers: { [identityHeader]: token, ...(row.traceparent ? { traceparent: row.traceparent } : {}) },
      })),
    );
  };
}
