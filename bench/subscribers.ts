import { performance } from 'node:perf_hooks';
import { type Client, type ClientOptions, createClient, type FormattedExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';

export interface SubscriberPoolOptions {
  /** The graphql-ws endpoint (ws://…/graphql). */
  readonly url: string;
  /** Sent as `connectionParams.authorization: Bearer <token>` when given. */
  readonly token?: string;
  readonly count: number;
  /** Clients connecting at once. */
  readonly batch: number;
  readonly query: string;
  readonly variables: Record<string, unknown>;
  /** Called for every event, with the client's index and performance.now() at arrival. */
  readonly onEvent: (client: number, result: FormattedExecutionResult<Record<string, unknown>, unknown>, at: number) => void;
}

/** A set of graphql-ws clients, each with one subscription, all in this process. */
export interface SubscriberPool {
  /** Streams that ended with an error (e.g. SLOW_CONSUMER) or completed, and sockets closed by the server. */
  readonly problems: { errors: number; completed: number; closed: number; firstError: string | null };
  /** Closes every client and waits for their sockets to close. */
  close(): Promise<void>;
}

/**
 * A graphql-ws client as every bench subscriber uses it: package `ws`, no retries (a lost socket
 * is the caller's to notice), connecting on the first subscribe, the token in connection_init.
 */
export function benchClient(url: string, token: string | undefined, on: ClientOptions['on']): Client {
  return createClient({
    url,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: true,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    on,
  });
}

/**
 * Opens `count` graphql-ws clients (package `ws`, no retries), `batch` at a time, and starts one
 * subscription on each; resolves once every client is connected (connection_ack received). The
 * server registers the subscriptions a moment later: wait for its own count before publishing.
 * Rejects, closing what was opened, if a client cannot connect.
 */
export async function openSubscribers(options: SubscriberPoolOptions): Promise<SubscriberPool> {
  const clients: Client[] = [];
  let closing = false;
  const problems = { errors: 0, completed: 0, closed: 0, firstError: null as string | null };
  const close = async () => {
    closing = true;
    await Promise.all(clients.map((client) => client.dispose()));
  };

  const open = (index: number) =>
    new Promise<void>((resolve, reject) => {
      const client = benchClient(options.url, options.token, {
        connected: () => resolve(),
        closed: (event) => {
          if (!closing) {
            problems.closed += 1;
            problems.firstError ??= `client ${index} closed: ${(event as { code?: number }).code ?? ''} ${(event as { reason?: string }).reason ?? ''}`;
            reject(new Error(`client ${index} could not connect`));
          }
        },
      });
      clients.push(client);
      client.subscribe(
        { query: options.query, variables: options.variables },
        {
          next: (result) => options.onEvent(index, result, performance.now()),
          error: (error) => {
            problems.errors += 1;
            problems.firstError ??= `client ${index}: ${JSON.stringify(error)}`;
          },
          complete: () => {
            if (!closing) {
              problems.completed += 1;
            }
          },
        },
      );
    });

  try {
    for (let start = 0; start < options.count; start += options.batch) {
      const end = Math.min(options.count, start + options.batch);
      await Promise.all(Array.from({ length: end - start }, (_, i) => open(start + i)));
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { problems, close };
}
