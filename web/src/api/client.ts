import { Client, CombinedError, cacheExchange, fetchExchange, mapExchange, type OperationResult, subscriptionExchange } from '@urql/core';
import { createClient as createWsClient } from 'graphql-ws';
import { guardConnection, pingEveryMs } from './keep-alive.ts';
import { type LiveStatusStore, trackLiveStatus } from './live-status.ts';
import { resumableSubscription } from './resumable.ts';

export interface Api {
  readonly client: Client;
  readonly liveStatus: LiveStatusStore;
}

/**
 * A response with neither data nor errors must not pass for a success. Apollo Gateway reports
 * failures it meets while completing values (a non-null field resolved to null) only under
 * `extensions.valueCompletion`; they become the result's errors here.
 */
function surfaceValueCompletion(result: OperationResult): OperationResult {
  const failures = result.extensions?.valueCompletion as { message: string; extensions?: Record<string, unknown> }[] | undefined;
  if (result.error || result.data != null || !failures?.length) {
    return result;
  }
  return { ...result, error: new CombinedError({ graphQLErrors: failures, response: undefined }) };
}

/** The gateway's GraphQL endpoint on this page's origin, as ws(s):// for the live layer. */
function liveUrl(): string {
  const protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${protocol}//${window.location.host}/graphql`;
}

/**
 * The GraphQL client of one session: queries and mutations over HTTP POST to /graphql,
 * subscriptions over graphql-ws (graphql-transport-ws) on the same origin, both carrying the
 * session's token. Anonymous when `token` is null. The live connection is lazy: it opens with
 * the first subscription and closes after the last, so a replaced client needs no disposal.
 * It pings the gateway and is dropped when a pong is late (`guardConnection`); the
 * subscriptions then reconnect and resume by themselves (`resumableSubscription`).
 */
export function createApi(token: string | null): Api {
  const authorization = token ? `Bearer ${token}` : null;
  const ws = createWsClient({
    url: liveUrl(),
    lazy: true,
    retryAttempts: 0,
    keepAlive: pingEveryMs,
    connectionParams: authorization ? { authorization } : {},
  });
  guardConnection(ws);
  const client = new Client({
    url: '/graphql',
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
    fetchOptions: () => (authorization ? { headers: { authorization } } : {}),
    exchanges: [
      mapExchange({ onResult: surfaceValueCompletion }),
      cacheExchange,
      fetchExchange,
      subscriptionExchange({ forwardSubscription: (request) => resumableSubscription(ws, request) }),
    ],
  });
  return { client, liveStatus: trackLiveStatus(ws) };
}
