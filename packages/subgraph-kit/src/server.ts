import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import {
  createIdentityVerifier,
  ErrorCode,
  gatewayIssuer,
  type InternalIdentity,
  identityHeader,
  type PublicKeySet,
  type TrustedIssuers,
} from '@hub/contracts';
import { apolloModeOptions, errorBody, executeApollo, HttpError, type HubMode, parseJson, readBody, sendError, sendJson } from '@hub/http';
import { logger } from '@hub/http/log';
import { createRegistry, type ReadinessChecks, type Registry, sendMetrics, sendReadiness } from '@hub/http/metrics';
import { type GraphQLFormattedError, type GraphQLSchema, Kind, type OperationDefinitionNode, parse } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { isDatabaseUnavailable, isRefusedValue } from './errors.ts';
import { createSubgraphMetrics, firstRootField } from './metrics.ts';

/** The root field a subscription selects first (for metrics), or `unknown` when it does not parse. */
function rootFieldOf(query: string, operationName: string | null | undefined): string {
  try {
    const operation = parse(query).definitions.find(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName),
    );
    return firstRootField(operation) ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** A plain HTTP route beside `/graphql` (ingestion, metrics). Returns status and JSON body. */
export type Route = (request: { body: unknown; identity: InternalIdentity | null }) => Promise<{ status: number; body: unknown }>;

export interface SubgraphServerOptions<Context> {
  readonly name: string;
  readonly schema: GraphQLSchema;
  /** 0 picks a free port. */
  readonly port: number;
  readonly host?: string;
  /**
   * Whose signed identities this subgraph accepts (the gateway; at the alliance also each kind's
   * relay), addressed to it by name; requests without a valid one get 401 UNAUTHENTICATED.
   */
  readonly trustedIssuers: TrustedIssuers;
  /** The public half of this subgraph's own signing keys, served at GET /.well-known/jwks.json. */
  readonly publicKeys?: () => PublicKeySet;
  /** HUB_ENV: introspection and the landing page only in development. */
  readonly mode: HubMode;
  /** Builds the per-request context (fork the EntityManager and create loaders here). */
  readonly createContext: (identity: InternalIdentity) => Context;
  /** Extra POST routes, e.g. `{ '/ingest': … }`; they also require a valid identity. */
  readonly routes?: Record<string, Route>;
  /** Registers the service's own metrics (beside the kit's) in the process's registry, served at GET /metrics. */
  readonly metrics?: (registry: Registry) => void;
  /** What GET /health/ready checks (its database, typically: `databaseReadiness`); none: always ready. */
  readonly readiness?: ReadinessChecks;
  /** Largest accepted request body in bytes. Default 1 MiB. */
  readonly maxBodyBytes?: number;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * A subgraph's errors as clients see them, over HTTP and WebSocket: coded errors as they are; a
 * database that cannot be reached as UNAVAILABLE; a value PostgreSQL refused as BAD_USER_INPUT
 * (an input check is missing: logged); anything else masked and logged. No database text, SQL
 * or stack reaches a client.
 */
function maskUnexpected(name: string) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (code && code !== ErrorCode.INTERNAL) {
      return formatted;
    }
    const cause = (error as { originalError?: unknown }).originalError ?? error;
    if (isDatabaseUnavailable(cause)) {
      logger(name).warn(`database unavailable: ${(cause as Error).message}`);
      const message = `The ${name} subgraph cannot reach its database right now; try again shortly`;
      return { message, path: formatted.path, extensions: { code: ErrorCode.UNAVAILABLE } };
    }
    if (isRefusedValue(cause)) {
      logger(name).error({ err: cause }, 'PostgreSQL refused a value that no input check caught');
      return {
        message: 'A value is out of range or cannot be stored',
        path: formatted.path,
        extensions: { code: ErrorCode.BAD_USER_INPUT },
      };
    }
    logger(name).error({ err: cause }, 'unexpected error');
    return { message: `Internal error in the ${name} subgraph`, path: formatted.path, extensions: { code: ErrorCode.INTERNAL } };
  };
}

/**
 * Starts a subgraph: GraphQL over HTTP and WebSocket (graphql-ws) on `/graphql`, the extra
 * routes, `GET /health/live` (and `/health`, its alias), `GET /health/ready` and `GET /metrics`. Every GraphQL request and route call must carry a
 * gateway-signed identity in `x-hub-identity` (WebSocket: `connectionParams.identity`).
 * Unexpected errors are logged and masked. `close()` stops accepting, closes sockets and waits.
 */
export async function startSubgraphServer<Context extends object>(options: SubgraphServerOptions<Context>): Promise<RunningServer> {
  const maxBody = options.maxBodyBytes ?? 1024 * 1024;
  const registry = createRegistry();
  const metrics = createSubgraphMetrics(registry);
  options.metrics?.(registry);
  const masked = maskUnexpected(options.name);
  const formatError = (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const answered = masked(formatted, error);
    metrics.countError(String(answered.extensions?.code ?? ErrorCode.INTERNAL));
    return answered;
  };
  const modeOptions = apolloModeOptions(options.mode);
  const apollo = new ApolloServer<Context>({
    schema: options.schema,
    introspection: modeOptions.introspection,
    formatError,
    includeStacktraceInErrorResponses: false,
    // Only the gateway calls subgraphs (signed identity), so browsers' CSRF rules do not apply.
    csrfPrevention: false,
    // No cache hints: the schema declares none and the gateway does not read them, yet Apollo's
    // default cache-control plugin would wrap every field of every response to compute them.
    plugins: [ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginCacheControlDisabled(), metrics.plugin, ...modeOptions.plugins],
    // Compact JSON for the gateway to parse (Apollo pretty-prints by default).
    stringifyResult: (result) => JSON.stringify(result),
  });
  await apollo.start();

  const verifyIdentity = createIdentityVerifier(options.name, options.trustedIssuers);
  const identify = async (token: string | undefined): Promise<InternalIdentity> => {
    if (!token) {
      throw new HttpError(401, ErrorCode.UNAUTHENTICATED, 'Subgraphs accept calls only through the gateway (no identity)');
    }
    try {
      return await verifyIdentity(token);
    } catch {
      throw new HttpError(401, ErrorCode.UNAUTHENTICATED, 'The forwarded identity is not valid');
    }
  };

  // GraphQL is the gateway's alone: a relay's identity is for the internal routes it was made for.
  const identifyGateway = async (token: string | undefined): Promise<InternalIdentity> => {
    const identity = await identify(token);
    if (identity.caller !== gatewayIssuer) {
      throw new HttpError(401, ErrorCode.UNAUTHENTICATED, 'Only the gateway may query a subgraph');
    }
    return identity;
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://subgraph');
    if (request.method === 'POST' && url.pathname === '/graphql') {
      metrics.countRequest();
    }
    if (request.method === 'GET' && (url.pathname === '/health' || url.pathname === '/health/live')) {
      return sendJson(response, 200, { status: 'ok', subgraph: options.name });
    }
    if (request.method === 'GET' && url.pathname === '/health/ready') {
      return sendReadiness(response, options.readiness ?? {});
    }
    if (request.method === 'GET' && url.pathname === '/metrics') {
      return sendMetrics(response, registry);
    }
    if (request.method === 'GET' && url.pathname === '/.well-known/jwks.json' && options.publicKeys) {
      return sendJson(response, 200, options.publicKeys());
    }
    const route = request.method === 'POST' ? options.routes?.[url.pathname] : undefined;
    if (route) {
      const identity = await identify(request.headers[identityHeader] as string | undefined);
      const text = await readBody(request, maxBody);
      const result = await route({ body: parseJson(text) ?? null, identity });
      return sendJson(response, result.status, result.body);
    }
    if (url.pathname !== '/graphql') {
      return sendJson(response, 404, errorBody(ErrorCode.NOT_FOUND, `No route ${url.pathname}`));
    }
    const identity = await identifyGateway(request.headers[identityHeader] as string | undefined);
    const body = request.method === 'POST' ? parseJson(await readBody(request, maxBody)) : undefined;
    await executeApollo(apollo, request, response, body, async () => options.createContext(identity));
  };

  const http = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      metrics.countError(error instanceof HttpError ? error.code : ErrorCode.INTERNAL);
      sendError(response, error, options.name);
    });
  });

  const wss = new WebSocketServer({ server: http, path: '/graphql' });
  const wsServer = useServer<{ identity?: string }, { context?: Context; fields?: Map<string, string> }>(
    {
      schema: options.schema,
      onConnect: async (ctx) => {
        try {
          const identity = await identifyGateway(ctx.connectionParams?.identity);
          ctx.extra.context = options.createContext(identity);
          return true;
        } catch {
          return false;
        }
      },
      context: (ctx) => ctx.extra.context ?? {},
      onSubscribe: (ctx, id, payload) => {
        const field = rootFieldOf(payload.query, payload.operationName);
        ctx.extra.fields ??= new Map();
        ctx.extra.fields.set(id, field);
        metrics.subscriptionOpened(field);
      },
      onComplete: (ctx, id) => {
        const field = ctx.extra.fields?.get(id);
        if (field !== undefined) {
          ctx.extra.fields?.delete(id);
          metrics.subscriptionClosed(field);
        }
      },
      // graphql-ws sends errors as they were thrown: mask them as HTTP answers are. Its `error`
      // messages are only the operation's validation errors, which carry no code of their own.
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: result.errors.map((error) => formatError(error.toJSON(), error)) } : result,
      onError: (_ctx, _id, _payload, errors) =>
        errors.map((error) => ({ ...error.toJSON(), extensions: { code: error.extensions.code ?? ErrorCode.GRAPHQL_VALIDATION_FAILED } })),
    },
    wss,
  );

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    port,
    url: `http://${options.host ?? '127.0.0.1'}:${port}/graphql`,
    async close() {
      await wsServer.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await apollo.stop();
    },
  };
}
