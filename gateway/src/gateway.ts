import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ErrorCode, gatewayIssuer, identityHeader, openServiceKeys, type Viewer } from '@hub/contracts';
import {
  apolloModeOptions,
  captureApollo,
  executeApollo,
  HttpError,
  parseJson,
  readBody,
  sendCaptured,
  sendError,
  sendJson,
} from '@hub/http';
import { logger } from '@hub/http/log';
import { type ReadinessChecks, sendMetrics, sendReadiness } from '@hub/http/metrics';
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { AuthError, createAuthenticator, mintDemoToken, tokenExpiresAt } from './auth.ts';
import { createDemoDirectory } from './demo-users.ts';
import type { GatewayEnv } from './env.ts';
import { createIdentitySigner, type IdentitySigner } from './identity-tokens.ts';
import { ledgerRoutes } from './ledger/routes.ts';
import { admitOperation, type GraphQLParams, type QueryLimits } from './limits.ts';
import { type LiveServer, startLiveServer } from './live/live-server.ts';
import { createUpstreamClient } from './live/upstream-client.ts';
import { createGatewayMetrics, type GatewayMetrics } from './metrics.ts';
import { traceOperation } from './operation-span.ts';
import { localRateLimit, redisRateLimit } from './shared-rate-limit.ts';
import { allianceScope } from './sharing/alliance-scope.ts';
import { followEventFeed } from './sharing/event-feed.ts';
import { ResponseSharing } from './sharing/response-sharing.ts';
import { serveStatic } from './static.ts';
import { subgraphUrl, subgraphUrlsOf } from './subgraph-urls.ts';
import { readSupergraph, watchSupergraph } from './supergraph.ts';
import { createRollout } from './supergraph-rollout.ts';

const log = logger('gateway');

/** Per-request context: the verified viewer, whose identity is signed for each subgraph called. */
export interface GatewayContext {
  viewer: Viewer;
}

export interface RunningGateway {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Calls one subgraph with the caller's signed identity. When the subgraph refuses a request
 * with its own GraphQL error (4xx, e.g. a malformed date), that error reaches the client as is;
 * when it cannot be reached or fails (5xx), the error names it (`SUBGRAPH_UNAVAILABLE`,
 * `serviceName`), so a partial answer says which part is missing.
 */
class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly subgraph: string,
    url: string,
    private readonly metrics: GatewayMetrics,
    private readonly signIdentity: IdentitySigner,
  ) {
    super({ url, fetcher: fetchRetryingReads });
  }

  override async process(options: Parameters<RemoteGraphQLDataSource<GatewayContext>['process']>[0]) {
    const end = this.metrics.timeSubgraphFetch(this.subgraph);
    try {
      return await super.process(options);
    } finally {
      end();
    }
  }

  override async willSendRequest({
    request,
    context,
  }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]) {
    request.http?.headers.set(identityHeader, await this.signIdentity(context.viewer, this.subgraph));
  }

  override didEncounterError(error: Error, _request: unknown, response?: { status: number }): never {
    const own = (error as GraphQLError).extensions?.response as { body?: { errors?: GraphQLFormattedError[] } } | undefined;
    const first = own?.body?.errors?.[0];
    if (response && response.status < 500 && first) {
      throw new GraphQLError(first.message, { extensions: { ...first.extensions, serviceName: this.subgraph } });
    }
    // The cause (an address, a connection error, a body) is for the log, not for the client.
    log.warn(`the ${this.subgraph} subgraph failed: ${error.message}`);
    throw new GraphQLError(`The ${this.subgraph} subgraph is unavailable; its part of the answer is missing`, {
      extensions: { code: ErrorCode.SUBGRAPH_UNAVAILABLE, serviceName: this.subgraph },
    });
  }
}

type SubgraphFetcher = NonNullable<NonNullable<ConstructorParameters<typeof RemoteGraphQLDataSource>[0]>['fetcher']>;

/**
 * How long a read waits for a subgraph that refuses connections (restarting, rolled out). A
 * service started through the TypeScript loader on a busy 2-core machine can take over 15 s.
 */
const readRetryMs = 30_000;
/** Connection errors of a subgraph that stopped or is stopping: a read meeting one is sent again. */
const subgraphGone = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

/**
 * fetch for subgraph calls: a root read (a query's own field, not a mutation, not a partner's
 * fields of listed items) that finds its subgraph not listening, or whose connection the
 * stopping subgraph closed, is sent again, 100 ms doubling to 1 s, for up to 30 s, so a subgraph's restart or
 * roll-out fails no query, it only slows those that arrive meanwhile. Writes are sent once:
 * whether a refused one was applied is for the client to find out, not for the gateway to guess.
 */
/**
 * Whether a subgraph request is a root read: a query's own field, whose failure would fail the
 * whole answer. An entity fetch (a partner's fields of items another subgraph listed) is not:
 * it fails at once and the answer is partial. Asked only when a request has failed, so the
 * body is not parsed again on the way out.
 */
function isRootRead(body: unknown): boolean {
  try {
    const query = typeof body === 'string' ? String((JSON.parse(body) as { query?: unknown }).query ?? '') : '';
    return /^\s*(query\b|\{)/.test(query) && !query.includes('_entities(');
  } catch {
    return false;
  }
}

const fetchRetryingReads: SubgraphFetcher = async (url, init) => {
  const deadline = Date.now() + readRetryMs;
  for (let pause = 100; ; pause = Math.min(pause * 2, 1000)) {
    try {
      return (await fetch(url, init as RequestInit)) as unknown as Awaited<ReturnType<SubgraphFetcher>>;
    } catch (error) {
      const gone = subgraphGone.has((error as { cause?: { code?: string } }).cause?.code ?? '');
      if (!gone || Date.now() + pause > deadline || !isRootRead(init?.body)) {
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
};

/**
 * Masks unexpected errors, the gateway's and a subgraph's alike, whatever text they carry (a
 * subgraph masks its own too; this holds even if one did not). Coded errors pass as they are.
 */
function formatError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const { code, serviceName } = formatted.extensions ?? {};
  if (code && code !== ErrorCode.INTERNAL) {
    return formatted;
  }
  return {
    message: serviceName ? `Internal error in the ${serviceName} subgraph` : 'Internal error in the gateway',
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: ErrorCode.INTERNAL, ...(serviceName ? { serviceName } : {}) },
  };
}

/**
 * A GraphQL request's parameters: a POST's JSON object, or a GET's query string when it has a
 * `query`. Null for anything else, which Apollo Server answers itself (400, 405, its landing page).
 */
function graphqlParams(request: IncomingMessage, body: unknown): GraphQLParams | null {
  if (request.method === 'POST') {
    return body && typeof body === 'object' && !Array.isArray(body) ? body : null;
  }
  const search = new URL(request.url ?? '/', 'http://gateway').searchParams;
  const query = search.get('query');
  if (request.method !== 'GET' || query === null) {
    return null;
  }
  const variables = search.get('variables');
  try {
    return { query, operationName: search.get('operationName') ?? undefined, variables: variables ? JSON.parse(variables) : undefined };
  } catch {
    throw new HttpError(400, ErrorCode.BAD_REQUEST, '`variables` is not valid JSON');
  }
}

/**
 * Starts the gateway: Apollo Gateway over the committed supergraph, user JWTs verified and
 * forwarded to subgraphs as a signed identity, limits (body size, depth, aliases, cost, rate
 * per identity), the demo sign-in, and the web app's files. `close()` stops everything.
 */
export async function startGateway(env: GatewayEnv, supergraphPath: string): Promise<RunningGateway> {
  const supergraphSdl = readSupergraph(supergraphPath);
  // Subgraph name → URL for the live layer, from the supergraph (kept current as it changes).
  const urls = subgraphUrlsOf(supergraphSdl, env);
  let live: LiveServer | null = null;
  let stopWatching: () => void = () => {};
  const keys = await openServiceKeys(gatewayIssuer, env.HUB_SIGNING_KEYS, env.HUB_ENV, (message) => log.warn(message));
  const signIdentity = createIdentitySigner({ issuer: gatewayIssuer, keys });
  const sharing = new ResponseSharing({
    cache: env.HUB_RESPONSE_CACHE === 'on',
    maxBytes: env.HUB_RESPONSE_CACHE_MB * 1024 * 1024,
    maxAgeMs: env.HUB_RESPONSE_CACHE_MAX_AGE_S * 1000,
  });
  const metrics = createGatewayMetrics({ live: () => live, sharing });
  const gateway = new ApolloGateway({
    // The supergraph file is watched: a new composition reaches the planner and the live layer
    // once every subgraph serves its part (supergraph-rollout.ts).
    supergraphSdl: async ({ update }) => {
      const apply = (next: string) => {
        try {
          update(next);
          Object.assign(urls, subgraphUrlsOf(next, env));
          live?.updateSupergraph(next);
          // Answers planned over the previous supergraph may differ under the new one (new kinds, fields).
          sharing.changedAll();
          log.info('applied the changed supergraph');
        } catch (error) {
          log.error({ err: error }, 'the changed supergraph was refused; keeping the previous one');
        }
      };
      const rollout = createRollout({
        urlOf: (name, composedUrl) => subgraphUrl(env, name, composedUrl),
        identity: (subgraph) => signIdentity({ subject: 'gateway-rollout', role: 'viewer' }, subgraph),
        identityHeader,
        apply,
      });
      const stopFile = watchSupergraph(supergraphPath, env.HUB_SUPERGRAPH_CHECK ? (next) => rollout.offer(next) : apply);
      stopWatching = () => {
        stopFile();
        rollout.stop();
      };
      return { supergraphSdl };
    },
    buildService: ({ name, url }) => new SubgraphDataSource(name, subgraphUrl(env, name, url), metrics, signIdentity),
  });
  const limits: QueryLimits = {
    maxTokens: env.HUB_MAX_TOKENS,
    maxFragments: env.HUB_MAX_FRAGMENTS,
    maxFields: env.HUB_MAX_FIELDS,
    maxDepth: env.HUB_MAX_DEPTH,
    maxAliases: env.HUB_MAX_ALIASES,
    maxCost: env.HUB_MAX_COST,
  };
  // The API schema the limits measure against (set by `apollo.start()`, replaced with each new supergraph).
  let apiSchema: GraphQLSchema | undefined;
  gateway.onSchemaLoadOrUpdate((update) => {
    apiSchema = update.apiSchema;
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    ...apolloModeOptions(env.HUB_ENV),
    formatError: (formatted) => {
      const answered = formatError(formatted);
      metrics.countError(answered.extensions?.code as string | undefined);
      return answered;
    },
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    // Every operation is admitted by its text (admitOperation); a hash alone would skip that.
    persistedQueries: false,
    // The process's own shutdown (closeOnSignal) stops Apollo in order, after the live layer and HTTP.
    stopOnTerminationSignals: false,
    // Compact JSON: Apollo pretty-prints by default, which doubles what a 300-item list sends.
    stringifyResult: (result) => JSON.stringify(result),
  });
  await apollo.start();

  const authenticate = createAuthenticator(env);
  // The development sign-in's editors are the alliance's accounts, asked for at its current URL.
  const demoDirectory = createDemoDirectory(() => {
    const accounts = new URL(urls.alliance ?? 'http://127.0.0.1:4001/graphql');
    accounts.pathname = '/accounts';
    return accounts.href;
  }, signIdentity);
  const limiter = env.HUB_REDIS_URL
    ? redisRateLimit(env.HUB_REDIS_URL, env.HUB_RATE_LIMIT_PER_MINUTE, env.HUB_REDIS_PREFIX)
    : localRateLimit(env.HUB_RATE_LIMIT_PER_MINUTE);

  const viewerOf = async (request: IncomingMessage): Promise<Viewer> => {
    try {
      return await authenticate(request.headers.authorization);
    } catch (error) {
      if (error instanceof AuthError) {
        throw new HttpError(401, ErrorCode.UNAUTHENTICATED, error.message);
      }
      throw error;
    }
  };

  /** One request's worth of the caller's rate; the wait in seconds when there is none left. */
  const throttle = (viewer: Viewer, address: string | undefined): Promise<number | null> =>
    limiter.take(viewer.role === 'anonymous' ? `ip:${address}` : `sub:${viewer.subject}`);

  // Kept answers are dropped by the alliances' events, so they are kept only while the feed is followed.
  const feed =
    env.HUB_SHARE_IN_FLIGHT === 'on' && env.HUB_RESPONSE_CACHE === 'on'
      ? followEventFeed({
          connect: () =>
            createUpstreamClient(urls.alliance ?? 'http://127.0.0.1:4001/graphql', () =>
              signIdentity({ subject: 'gateway-cache', role: 'viewer' }, 'alliance'),
            ),
          onEvent: (allianceId) => sharing.changed(allianceId),
          onFollowing: (following) => sharing.setFeedFollowed(following),
        })
      : null;

  /**
   * Runs an admitted query, sharing its execution with identical ones (same text, variables,
   * visibility, accepted media type) running at the same time, and answering from kept answers
   * for the roles that see published data only. JSON POSTs only: they pass Apollo's CSRF check
   * whoever sends them, so a shared answer is one each request would have got.
   */
  const sharedQuery = async (
    request: IncomingMessage,
    response: ServerResponse,
    body: unknown,
    params: GraphQLParams,
    operation: OperationDefinitionNode,
    viewer: Viewer,
  ) => {
    const variables = (params.variables ?? {}) as Record<string, unknown>;
    const visibility = `${viewer.role}:${viewer.partnerId ?? ''}`;
    const key = JSON.stringify([visibility, request.headers.accept ?? '', params.operationName ?? null, variables, params.query]);
    const { response: captured, outcome } = await sharing.answer(
      key,
      allianceScope(operation, variables),
      viewer.role === 'anonymous' || viewer.role === 'viewer',
      () => captureApollo(apollo, request, body, async () => ({ viewer })),
    );
    response.setHeader('x-hub-answer', outcome);
    sendCaptured(response, captured);
  };

  const graphql = async (request: IncomingMessage, response: ServerResponse) => {
    const nameOperation = metrics.timeRequest(response);
    const viewer = await viewerOf(request);
    const wait = await throttle(viewer, request.socket.remoteAddress);
    if (wait !== null) {
      throw new HttpError(429, ErrorCode.RATE_LIMITED, `Too many requests; retry in ${wait} s`, { 'retry-after': String(wait) });
    }
    const body = request.method === 'POST' ? parseJson(await readBody(request, env.HUB_MAX_BODY_BYTES)) : undefined;
    const params = graphqlParams(request, body);
    const admitted = params ? admitOperation(apiSchema as GraphQLSchema, params, limits, 'http') : null;
    if (admitted && 'errors' in admitted) {
      for (const error of admitted.errors) {
        metrics.countError(error.extensions.code as string | undefined);
      }
      return sendJson(response, 400, { errors: admitted.errors.map((error) => error.toJSON()) });
    }
    const operation = admitted?.operation;
    if (operation) {
      nameOperation(operation.name?.value);
    }
    const shareable =
      env.HUB_SHARE_IN_FLIGHT === 'on' &&
      operation?.operation === 'query' &&
      request.method === 'POST' &&
      /^application\/json\b/i.test(request.headers['content-type'] ?? '');
    await traceOperation(operation, async () => {
      if (params && operation && shareable) {
        return sharedQuery(request, response, body, params, operation, viewer);
      }
      await executeApollo(apollo, request, response, body, async () => ({ viewer }));
      if (operation?.operation === 'mutation') {
        sharing.changedAll();
      }
    });
  };

  const demoLogin = async (request: IncomingMessage, response: ServerResponse) => {
    if (request.method !== 'POST') {
      throw new HttpError(405, 'METHOD_NOT_ALLOWED', 'POST { "user": "…" } to sign in as a demo user');
    }
    if (!env.HUB_DEMO_LOGIN || env.HUB_JWKS_URL) {
      throw new HttpError(404, ErrorCode.NOT_FOUND, 'Demo sign-in is switched off');
    }
    const body = parseJson(await readBody(request, 10_000)) as { user?: unknown } | undefined;
    if (typeof body?.user !== 'string') {
      throw new HttpError(400, ErrorCode.BAD_USER_INPUT, 'Give the demo user as { "user": "…" }');
    }
    const user = await demoDirectory.find(body.user);
    if (!user) {
      throw new HttpError(400, ErrorCode.BAD_USER_INPUT, `Unknown demo user ${body.user.slice(0, 60)}; GET /auth/demo-users lists them`);
    }
    sendJson(response, 200, { token: await mintDemoToken(env, user) });
  };

  /** The demo identities for the web app's sign-in page (only when demo sign-in is on): built-in ones and the alliance's accounts. */
  const listDemoUsers = async (response: ServerResponse) => {
    if (!env.HUB_DEMO_LOGIN || env.HUB_JWKS_URL) {
      throw new HttpError(404, ErrorCode.NOT_FOUND, 'Demo sign-in is switched off');
    }
    sendJson(response, 200, await demoDirectory.list());
  };

  /**
   * Ready when it has a supergraph to plan with and every subgraph it routes to answers its own
   * readiness (their databases): one check per subgraph, so the body names the missing ones.
   */
  const readiness = (): ReadinessChecks => ({
    supergraph: async () => {
      if (!apiSchema) {
        throw new Error('no supergraph');
      }
    },
    ...Object.fromEntries(
      Object.entries(urls).map(([name, url]) => [
        name,
        async () => {
          const answer = await fetch(new URL('/health/ready', url), { signal: AbortSignal.timeout(2000) });
          await answer.body?.cancel();
          if (!answer.ok) {
            throw new Error(`${name} answered ${answer.status}`);
          }
        },
      ]),
    ),
  });

  const routes: Record<string, (request: IncomingMessage, response: ServerResponse) => Promise<void>> = {
    '/graphql': graphql,
    '/health': async (_request, response) => sendJson(response, 200, { status: 'ok' }),
    '/health/live': async (_request, response) => sendJson(response, 200, { status: 'ok' }),
    '/health/ready': async (_request, response) => sendReadiness(response, readiness()),
    '/metrics': async (_request, response) => sendMetrics(response, metrics.registry),
    // The public half of the keys the forwarded identities are signed with, for the subgraphs.
    '/.well-known/jwks.json': async (_request, response) => sendJson(response, 200, keys.publicKeys()),
    '/auth/demo-login': demoLogin,
    '/auth/demo-users': async (_request, response) => listDemoUsers(response),
    ...ledgerRoutes({ apollo, viewerOf, throttle }),
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    let path: string;
    try {
      path = new URL(request.url ?? '/', 'http://gateway').pathname;
    } catch {
      throw new HttpError(400, ErrorCode.BAD_REQUEST, 'The request URL is malformed');
    }
    await (routes[path] ?? (async () => serveStatic(env.HUB_WEB_DIST, request, path, response)))(request, response);
  };

  const http = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      metrics.countError(error instanceof HttpError ? error.code : ErrorCode.INTERNAL);
      sendError(response, error, 'gateway');
    });
  });

  live = startLiveServer({
    http,
    supergraphSdl,
    subgraphUrls: urls,
    signIdentity,
    limits,
    queueCapacity: env.HUB_LIVE_QUEUE,
    maxMessageBytes: env.HUB_MAX_BODY_BYTES,
    admit: async (viewer, address) => {
      const wait = await throttle(viewer, address);
      return wait === null ? null : `Too many requests; retry in ${wait} s`;
    },
    authenticate: async (authorization) => authenticate(authorization),
    tokenExpiresAt,
    onEvent: (streamArguments) => {
      const { allianceId } = streamArguments;
      if (typeof allianceId === 'string') {
        sharing.changed(allianceId);
      } else {
        sharing.changedAll();
      }
    },
    execute: async (query, variables, operationName, viewer, kind) => {
      const response = await apollo.executeOperation<Record<string, unknown>>(
        { query, variables, operationName },
        { contextValue: { viewer } },
      );
      if (kind === 'mutation') {
        sharing.changedAll();
      }
      return response.body.kind === 'single'
        ? response.body.singleResult
        : {
            errors: [
              new GraphQLError('Incremental delivery is not supported over WebSocket', { extensions: { code: ErrorCode.BAD_REQUEST } }),
            ],
          };
    },
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(env.PORT, env.HOST, () => resolve());
  });
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  return {
    port,
    url: `http://${env.HOST}:${port}/graphql`,
    async close() {
      stopWatching();
      feed?.stop();
      await live?.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await apollo.stop();
      await limiter.close();
    },
  };
}
