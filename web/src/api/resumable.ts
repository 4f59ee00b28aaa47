import type { ExecutionResult, SubscriptionForwarder, SubscriptionOperation } from '@urql/core';
import type { Client as WsClient } from 'graphql-ws';
import { liveErrorAction, resumeCursor } from './live-errors.ts';
import { backoff, retryLater } from './retry.ts';

/** The `cursor` of the one root field of a subscription result, when it has one. */
function cursorOf(result: ExecutionResult): string | null {
  const root = result.data ? Object.values(result.data as Record<string, unknown>)[0] : null;
  const cursor = root && typeof root === 'object' ? (root as { cursor?: unknown }).cursor : null;
  return typeof cursor === 'string' ? cursor : null;
}

/**
 * Runs a live subscription over graphql-ws and keeps it running. It starts from the operation's
 * `after` (a view's liveCursor) and, after a lost connection, a server restart, a SLOW_CONSUMER or
 * an UNAVAILABLE end, subscribes again with backoff, passing the cursor of the last event received
 * as `after`, so the server replays what was missed (the hub's streams have no natural end). The
 * ws client must not retry by itself (`retryAttempts: 0`). CURSOR_EXPIRED and SCHEMA_CHANGED end
 * the stream with their error, for the view to reload; other errors the server gives for the
 * operation itself (invalid, forbidden) end it too and are not retried.
 */
export function resumableSubscription(ws: WsClient, request: SubscriptionOperation): ReturnType<SubscriptionForwarder> {
  return {
    subscribe(sink) {
      let after = (request.variables?.after as string | null | undefined) ?? null;
      let attempt = 0;
      let stopped = false;
      let cancelRetry = () => {};
      let dispose = () => {};

      const resume = () => {
        if (!stopped) {
          cancelRetry = retryLater(backoff(attempt++), start);
        }
      };
      const end = (errors: ExecutionResult['errors']) => {
        stopped = true;
        sink.next({ errors } as ExecutionResult);
        sink.complete();
      };
      function start() {
        dispose = ws.subscribe(
          { query: request.query ?? '', operationName: request.operationName, variables: { ...request.variables, after } },
          {
            next(value) {
              const result = value as ExecutionResult;
              const action = result.data ? null : liveErrorAction(result.errors ?? []);
              if (action === 'resume') {
                after = resumeCursor(result.errors ?? []) ?? after;
                return; // the stream completes next and is resumed from `after`
              }
              if (action === 'reload') {
                end(result.errors);
                return;
              }
              if (result.data) {
                attempt = 0;
              }
              after = cursorOf(result) ?? after;
              sink.next(result);
            },
            error(error) {
              if (stopped) {
                return;
              }
              if (Array.isArray(error) && liveErrorAction(error) !== 'resume') {
                end(error);
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
          cancelRetry();
          dispose();
        },
      };
    },
  };
}
