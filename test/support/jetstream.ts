import { allianceConsumer, jetstreamManager, type NatsConnection } from '@hub/event-stream';
import { eventually } from './hub.ts';

/** The machine's NATS server (JetStream on), here and in CI. */
export const natsUrl = 'nats://127.0.0.1:4222';

/** A stream name of one test run's own, so runs (and test files) never see each other's messages. */
export function testStreamName(label: string): string {
  return `HUB_TEST_${label}_${process.pid}_${Date.now()}`;
}

/** Waits until the alliance's consumer has every message of `stream` acknowledged: all ingested (or refused). */
export async function untilIngested(nats: NatsConnection, stream: string, timeoutMs = 60_000): Promise<void> {
  const manager = await jetstreamManager(nats);
  await eventually(
    async () => {
      const info = await manager.consumers.info(stream, allianceConsumer).catch(() => null);
      return info !== null && info.num_pending === 0 && info.num_ack_pending === 0;
    },
    timeoutMs,
    100,
  );
}

/** Deletes a test's stream (its consumer goes with it). */
export async function deleteStream(nats: NatsConnection, stream: string): Promise<void> {
  await (await jetstreamManager(nats)).streams.delete(stream).catch(() => false);
}
