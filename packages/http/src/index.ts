import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ApolloServer, type ApolloServerPlugin, type BaseContext, HeaderMap } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { log, logger } from './log.ts';
import { stopTracing } from './tracing.ts';

/**
 * The small HTTP plumbing the gateway and the subgraphs share: bodies with a size limit,
 * GraphQL-shaped JSON errors, and running a request through Apollo Server on node:http.
 */

/** The hub's mode, `HUB_ENV`: the one setting that tells development from production. */
export type HubMode = 'development' | 'production';

/**
 * Apollo Server's options that depend on the mode, decided by HUB_ENV rather than by Apollo's
 * own reading of NODE_ENV (which a launcher or a build may have set): in development,
 * introspection and the Sandbox landing page on `GET /graphql`; in production, neither.
 */
export function apolloModeOptions(mode: HubMode): { introspection: boolean; plugins: ApolloServerPlugin[] } {
  return mode === 'production'
    ? { introspection: false, plugins: [ApolloServerPluginLandingPageDisabled()] }
    : { introspection: true, plugins: [ApolloServerPluginLandingPageLocalDefault({ embed: true })] };
}

/** An error that becomes an HTTP response with a GraphQL-shaped body and a stable code. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** `{ errors: [{ message, extensions: { code } }] }`, as GraphQL clients expect. */
export function errorBody(code: string, message: string) {
  return { errors: [{ message, extensions: { code } }] };
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify(body));
}

/** Answers an HttpError as such; anything else is logged and answered 500 without details. */
export function sendError(response: ServerResponse, error: unknown, label: string): void {
  if (error instanceof HttpError) {
    sendJson(response, error.status, errorBody(error.code, error.message), error.headers);
    return;
  }
  logger(label).error({ err: error }, 'request failed');
  if (response.headersSent) {
    response.end();
  } else {
    sendJson(response, 500, errorBody('INTERNAL_SERVER_ERROR', 'Internal error'));
  }
}

/** Reads a request body up to `limit` bytes; longer bodies are refused with 413 PAYLOAD_TOO_LARGE. */
export async function readBody(request: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) {
    throw new HttpError(413, 'PAYLOAD_TOO_LARGE', `Request body is larger than ${limit} bytes`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      throw new HttpError(413, 'PAYLOAD_TOO_LARGE', `Request body is larger than ${limit} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses a JSON body; malformed JSON is 400 BAD_REQUEST. Empty text is `undefined`. */
export function parseJson(text: string): unknown {
  if (!text) {
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'BAD_REQUEST', 'The request body is not valid JSON');
  }
}

/** Runs one HTTP request through Apollo Server. `body` is the parsed JSON body (undefined for GET). */
function runHttpRequest<Context extends BaseContext>(
  apollo: ApolloServer<Context>,
  request: IncomingMessage,
  body: unknown,
  context: () => Promise<Context>,
) {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(request.headers)) {
    if (typeof value === 'string') {
      headers.set(key, value);
    }
  }
  return apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: request.method ?? 'GET', headers, search: url.search, body },
    context,
  });
}

/** Runs one HTTP request through Apollo Server and writes its response (including incremental delivery). */
export async function executeApollo<Context extends BaseContext>(
  apollo: ApolloServer<Context>,
  request: IncomingMessage,
  response: ServerResponse,
  body: unknown,
  context: () => Promise<Context>,
): Promise<void> {
  const result = await runHttpRequest(apollo, request, body, context);
  response.writeHead(result.status ?? 200, Object.fromEntries(result.headers));
  if (result.body.kind === 'complete') {
    response.end(result.body.string);
    return;
  }
  for await (const chunk of result.body.asyncIterator) {
    response.write(chunk);
  }
  response.end();
}

/** An HTTP response as Apollo Server produced it, whole: it can be sent to several clients. */
export interface CapturedResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** Encoded once: sending it again costs no encoding. */
  readonly body: Buffer;
}

/** Runs one HTTP request through Apollo Server and returns its whole response (incremental delivery collected). */
export async function captureApollo<Context extends BaseContext>(
  apollo: ApolloServer<Context>,
  request: IncomingMessage,
  body: unknown,
  context: () => Promise<Context>,
): Promise<CapturedResponse> {
  const result = await runHttpRequest(apollo, request, body, context);
  let text = '';
  if (result.body.kind === 'complete') {
    text = result.body.string;
  } else {
    for await (const chunk of result.body.asyncIterator) {
      text += chunk;
    }
  }
  return { status: result.status ?? 200, headers: Object.fromEntries(result.headers), body: Buffer.from(text) };
}

/** Writes a captured response. */
export function sendCaptured(response: ServerResponse, captured: CapturedResponse): void {
  response.writeHead(captured.status, captured.headers);
  response.end(captured.body);
}

/**
 * Calls `close` once on SIGINT or SIGTERM, or when the parent that started this process over an
 * IPC channel goes away (`pnpm start` killed), then exits (0 when it closed cleanly). The
 * bootstrap of every service ends with it.
 */
export function closeOnSignal(close: () => Promise<void>): void {
  let closing = false;
  const shutdown = () => {
    if (closing) {
      return;
    }
    closing = true;
    // The spans still waiting are sent before the process exits (nothing to do when tracing is off).
    close()
      .finally(() => stopTracing().catch(() => undefined))
      .then(
        () => process.exit(0),
        (error: unknown) => {
          log.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  if (process.connected) {
    process.on('disconnect', shutdown);
  }
}
