import { type JetStreamClient, jetstream } from '@nats-io/jetstream';
import { headers, type NatsConnection } from '@nats-io/transport-node';
import { connectNats, ensureEventStream, jetstreamManager, subjectOf } from './stream.ts';

/** One message to publish: its id (JetStream's dedup key), its body and its headers. */
export interface StreamMessage {
  readonly id: string;
  readonly data: string;
  readonly headers: Readonly<Record<string, string>>;
}

export interface EventPublisher {
  /**
   * Publishes the messages to the kind's subject, in order, and resolves once JetStream stored
   * every one (or had it already: same id within the duplicate window). Rejects when NATS cannot
   * be reached or does not acknowledge in time; the caller sends the same messages again.
   */
  publish(kind: string, messages: readonly StreamMessage[]): Promise<void>;
  close(): Promise<void>;
}

/** How long to wait for JetStream's acknowledgement of one message. */
const publishTimeoutMs = 5000;

/**
 * A publisher to the partner-event stream. It connects on first use (a partner subgraph starts
 * while NATS is down; its outbox keeps the rows), creates the stream when missing, and then
 * keeps its connection, which the client re-establishes after a loss.
 */
export function createEventPublisher(options: { natsUrl: string; stream: string; name: string }): EventPublisher {
  let connecting: Promise<{ connection: NatsConnection; client: JetStreamClient }> | null = null;

  const open = () => {
    connecting ??= (async () => {
      const connection = await connectNats(options.natsUrl, options.name);
      try {
        await ensureEventStream(await jetstreamManager(connection), options.stream);
      } catch (error) {
        await connection.close();
        throw error;
      }
      return { connection, client: jetstream(connection) };
    })().catch((error: unknown) => {
      connecting = null;
      throw error;
    });
    return connecting;
  };

  return {
    async publish(kind, messages) {
      const { client } = await open();
      const subject = subjectOf(options.stream, kind);
      // Sent back to back on one connection, so the stream stores them in this order; then every
      // acknowledgement is awaited (a missing one fails the whole batch, which is sent again).
      const acks = messages.map((message) => {
        const head = headers();
        for (const [name, value] of Object.entries(message.headers)) {
          head.set(name, value);
        }
        return client.publish(subject, message.data, { msgID: message.id, headers: head, timeout: publishTimeoutMs });
      });
      await Promise.all(acks);
    },
    async close() {
      const current = connecting;
      connecting = null;
      const opened = await current?.catch(() => null);
      await opened?.connection.drain().catch(() => {});
    },
  };
}
