import { logger } from '@hub/http/log';
import type { Client } from 'graphql-ws';
import { describeUpstreamFailure } from '../live/upstream-client.ts';

const log = logger('gateway');

export interface EventFeedOptions {
  /** A new client to the alliance subgraph (at its current URL); disposed when the feed is lost. */
  readonly connect: () => Client;
  /** An event of this alliance arrived. */
  readonly onEvent: (allianceId: string) => void;
  /** The feed is followed from a known point (true), or it is lost (false) until it is again. */
  readonly onFollowing: (following: boolean) => void;
}

const firstBackoffMs = 250;
const maxBackoffMs = 5000;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function head(client: Client): Promise<string> {
  for await (const result of client.iterate<{ eventFeedHead: string }>({ query: 'query FeedHead { eventFeedHead }' })) {
    if (result.errors?.length || !result.data) {
      throw new Error(result.errors?.[0]?.message ?? 'no head');
    }
    return result.data.eventFeedHead;
  }
  throw new Error('the alliance answered nothing');
}

/**
 * Follows every alliance's events at the alliance subgraph for the response cache: asks for the
 * newest cursor, subscribes after it (events in between are replayed), and reports each event's
 * alliance. While the feed is lost the cache keeps nothing; it is followed again from the new
 * head, since kept answers were dropped anyway. `stop()` ends it.
 */
export function followEventFeed(options: EventFeedOptions): { stop: () => void } {
  let stopped = false;
  let stopStream: (() => void) | null = null;

  const run = async () => {
    let backoff = firstBackoffMs;
    let reported = false;
    while (!stopped) {
      const client = options.connect();
      try {
        const after = await head(client);
        const events = client.iterate<{ eventFeed: { allianceId: string } }>({
          query: 'subscription Feed($after: String!) { eventFeed(after: $after) { cursor allianceId } }',
          variables: { after },
        });
        stopStream = () => void events.return?.();
        if (stopped) {
          break;
        }
        options.onFollowing(true);
        reported = false;
        for await (const event of events) {
          if (event.errors?.length || !event.data) {
            throw new Error(event.errors?.[0]?.message ?? 'an empty event');
          }
          options.onEvent(event.data.eventFeed.allianceId);
          backoff = firstBackoffMs;
        }
      } catch (error) {
        if (!stopped && !reported) {
          reported = true; // once per loss, not once per retry
          log.warn(
            `the alliances' event feed is lost (${describeUpstreamFailure(error)}); the response cache keeps nothing until it is back`,
          );
        }
      }
      options.onFollowing(false);
      void client.dispose();
      if (!stopped) {
        await pause(backoff);
        backoff = Math.min(backoff * 2, maxBackoffMs);
      }
    }
  };
  void run();
  return {
    stop() {
      stopped = true;
      stopStream?.();
    },
  };
}
