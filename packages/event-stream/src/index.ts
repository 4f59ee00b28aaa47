// The NATS client parts the alliance's consumer uses, so only this package depends on the client.
export { type ConsumerMessages, type JsMsg, jetstream } from '@nats-io/jetstream';
export type { NatsConnection } from '@nats-io/transport-node';
export { createEventPublisher, type EventPublisher, type StreamMessage } from './publisher.ts';
export { type EventTransportName, type EventTransportSettings, parseEventTransport } from './settings.ts';
export {
  ackWaitMs,
  allianceConsumer,
  connectNats,
  duplicateWindowMs,
  ensureAllianceConsumer,
  ensureEventStream,
  jetstreamManager,
  kindOfSubject,
  subjectOf,
} from './stream.ts';
