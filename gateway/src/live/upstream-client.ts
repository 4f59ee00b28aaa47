import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

/** Keep-alive towards the subgraphs: a ping every 10 s; no pong within 5 s closes the socket (and the streams resume). */
const upstreamPingMs = 10_000;
const upstreamPongTimeoutMs = 5_000;

/**
 * A graphql-ws client to one subgraph, identified with an internal identity on connection.
 * Lazy, and it does not retry on its own: its users resume from their own last cursor.
 */
export function createUpstreamClient(httpUrl: string, identity: () => Promise<string>): Client {
  return createClient({
    url: httpUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    lazy: true,
    retryAttempts: 0,
    ...keepAlive(),
    connectionParams: async () => ({ identity: await identity() }),
  });
}

function keepAlive() {
  let socket: WebSocket | null = null;
  let timeout: NodeJS.Timeout | undefined;
  return {
    keepAlive: upstreamPingMs,
    on: {
      connected: (connected: unknown) => {
        socket = connected as WebSocket;
      },
      ping: (received: boolean) => {
        if (!received) {
          timeout = setTimeout(() => socket?.readyState === WebSocket.OPEN && socket.close(4408, 'Request Timeout'), upstreamPongTimeoutMs);
        }
      },
      pong: (received: boolean) => {
        if (received) {
          clearTimeout(timeout);
        }
      },
      closed: () => clearTimeout(timeout),
    },
  };
}

/** Why an upstream stream ended, for the log: an error, the subgraph's GraphQL errors, or the socket's close. */
export function describeUpstreamFailure(error: unknown): string {
  if (error instanceof Error) {
    return error.message;
  }
  if (Array.isArray(error)) {
    return error.map((e) => String((e as { message?: unknown })?.message)).join('; ');
  }
  const close = error as { code?: number; reason?: string };
  if (close?.code) {
    return `socket closed (${close.code}${close.reason ? ` ${close.reason}` : ''})`;
  }
  // A socket's error event (the subgraph unreachable): an object with a message, not an Error.
  const event = error as { message?: unknown; error?: unknown };
  if (typeof event?.message === 'string' && event.message !== '') {
    return event.message;
  }
  return event?.error instanceof Error ? event.error.message : String(error);
}
