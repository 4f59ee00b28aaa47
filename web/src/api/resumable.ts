import type { ExecutionResult, SubscriptionForwarder, SubscriptionOperation } from '@urql/core';
import type { Client as WsClient } from 'graphql-ws';

/** Waits before the next attempt: 1 s, 2 s, 4 s … up to 15 s, with a little jitter. */
function backoff(attempt: number): number {
  return Math.min(15_000, 1000 * 2 ** attempt) + Math.random() * 300;
}

/** The `cursor` of the one root field of a subscription result, when it has one. */
function cursorOf(result: ExecutionResult): string | null {
  const root = result.data ? Object.values(result.data as Record<string, unknown>)[0] : null;
  const cursor = root && typeof root === 'object' ? (root as { cursor?: unknown }).cursor : null;
  return typeof cursor === 'string' ? cursor : null;
}

/** The gateway ends the stream of a client that fell too far behind; it resubscribes with `after`. */
function isSlowConsumer(result: ExecutionResult): boolean {
  return Boolean(result.errors?.some((error) => (error as { extensions?: { code?: unknown } }).extensions?.code === 'SLOW_CONSUMER'));
}

/**
 * Runs a live subscription over graphql-ws and keeps it running: after a lost connection, a
 * server restart or a SLOW_CONSUMER end it subscribes again, passing the cursor of the last
 * event received as `after`, so the server replays what was missed (the hub's streams have no
 * natural end). The ws client must not retry by itself (`retryAttempts: 0`). Errors the server
 * gives for the operation itself (invalid, forbidden) end the stream and are not retried.
 */
export function resumableSubscription(ws: WsClient, request: SubscriptionOperation): ReturnType<SubscriptionForwarder> {
  return {
    subscribe(sink) {
      let after = (request.variables?.after as string | null | undefined) ?? null;
      let attempt = 0;
      let stopped = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      let dispose = () => {};

      const resume = () => {
        if (!stopped) {
          timer = setTimeout(start, backoff(attempt++));
        }
      };
      function start() {
        dispose = ws.subscribe(
          { query: request.query ?? '', operationName: request.operationName, variables: { ...request.variables, after } },
          {
            next(value) {
              const result = value as ExecutionResult;
              if (isSlowConsumer(result)) {
                return; // the stream completes next and is resumed from `after`
              }
              attempt = 0;
              after = cursorOf(result) ?? after;
              sink.next(result);
            },
            error(error) {
              if (stopped) {
                return;
              }
              if (Array.isArray(error)) {
                sink.next({ errors: error } as ExecutionResult);
                sink.complete();
                return;
              }
              resume();
            },
            complete: resume,
          },
        );
      }
      start();
      return {
        unsubscribe() {
          stopped = true;
          clearTimeout(timer);
          dispose();
        },
      };
    },
  };
}
