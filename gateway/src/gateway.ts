import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ErrorCode, identityHeader, signInternalIdentity, type Viewer } from '@hub/contracts';
import { executeApollo, HttpError, parseJson, readBody, sendError, sendJson } from '@hub/http';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { AuthError, createAuthenticator, mintDemoToken } from './auth.ts';
import { demoUsers } from './demo-users.ts';
import type { GatewayEnv } from './env.ts';
import { subgraphUrls } from './env.ts';
import { queryLimitsPlugin, RateLimiter } from './limits.ts';
import { serveStatic } from './static.ts';

/** Per-request context: the verified viewer and the identity token forwarded to subgraphs. */
export interface GatewayContext {
  viewer: Viewer;
  identityToken: string;
}

export interface RunningGateway {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Calls one subgraph with the caller's signed identity. When the subgraph cannot be reached or
 * answers with an HTTP error, the error names it (`SUBGRAPH_UNAVAILABLE`, `serviceName`), so a
 * partial answer says which part is missing.
 */
class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly subgraph: string,
    url: string,
  ) {
    super({ url });
  }

  override willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]) {
    request.http?.headers.set(identityHeader, context.identityToken);
  }

  override didEncounterError(error: Error): never {
    throw new GraphQLError(`The ${this.subgraph} subgraph is unavailable; its part of the answer is missing (${error.message})`, {
      extensions: { code: ErrorCode.SUBGRAPH_UNAVAILABLE, serviceName: this.subgraph },
    });
  }
}

/** Keeps a subgraph's failure readable: which subgraph, with a stable code. */
function formatError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (code === 'INTERNAL_SERVER_ERROR' && !formatted.extensions?.serviceName) {
    return { ...formatted, message: 'Internal error in the gateway' };
  }
  return formatted;
}

/**
 * Starts the gateway: Apollo Gateway over the committed supergraph, user JWTs verified and
 * forwarded to subgraphs as a signed identity, limits (body size, depth, aliases, cost, rate
 * per identity), the demo sign-in, and the web app's files. `close()` stops everything.
 */
export async function startGateway(env: GatewayEnv, supergraphSdl: string): Promise<RunningGateway> {
  const urls = subgraphUrls(env);
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => {
      const target = urls[name] ?? url;
      if (!target) {
        throw new Error(`No URL for subgraph ${name}`);
      }
      return new SubgraphDataSource(name, target);
    },
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    plugins: [queryLimitsPlugin({ maxDepth: env.HUB_MAX_DEPTH, maxAliases: env.HUB_MAX_ALIASES, maxCost: env.HUB_MAX_COST })],
  });
  await apollo.start();

  const authenticate = createAuthenticator(env);
  const limiter = new RateLimiter(env.HUB_RATE_LIMIT_PER_MINUTE);

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

  const graphql = async (request: IncomingMessage, response: ServerResponse) => {
    const viewer = await viewerOf(request);
    const key = viewer.role === 'anonymous' ? `ip:${request.socket.remoteAddress}` : `sub:${viewer.subject}`;
    const verdict = limiter.take(key);
    if (!verdict.allowed) {
      throw new HttpError(429, ErrorCode.RATE_LIMITED, `Too many requests; retry in ${verdict.retryAfterSeconds} s`, {
        'retry-after': String(verdict.retryAfterSeconds),
      });
    }
    const body = request.method === 'POST' ? parseJson(await readBody(request, env.HUB_MAX_BODY_BYTES)) : undefined;
    const identityToken = await signInternalIdentity({ viewer, caller: 'gateway' }, env.HUB_INTERNAL_SECRET);
    await executeApollo(apollo, request, response, body, async () => ({ viewer, identityToken }));
  };

  const demoLogin = async (request: IncomingMessage, response: ServerResponse) => {
    if (!env.HUB_DEMO_LOGIN || env.HUB_JWKS_URL) {
      throw new HttpError(404, ErrorCode.NOT_FOUND, 'Demo sign-in is switched off');
    }
    const body = parseJson(await readBody(request, 10_000)) as { user?: unknown } | undefined;
    if (typeof body?.user !== 'string') {
      throw new HttpError(400, ErrorCode.BAD_USER_INPUT, 'Give the demo user as { "user": "…" }');
    }
    try {
      sendJson(response, 200, { token: await mintDemoToken(env, body.user) });
    } catch (error) {
      if (error instanceof AuthError) {
        throw new HttpError(400, ErrorCode.BAD_USER_INPUT, error.message);
      }
      throw error;
    }
  };

  /** The demo identities for the web app's sign-in page (only when demo sign-in is on). */
  const listDemoUsers = (response: ServerResponse) => {
    if (!env.HUB_DEMO_LOGIN || env.HUB_JWKS_URL) {
      throw new HttpError(404, ErrorCode.NOT_FOUND, 'Demo sign-in is switched off');
    }
    sendJson(
      response,
      200,
      Object.entries(demoUsers).map(([id, user]) => ({ id, ...user })),
    );
  };

  const http = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://gateway').pathname;
    const route =
      path === '/graphql'
        ? graphql
        : path === '/health'
          ? async () => sendJson(response, 200, { status: 'ok' })
          : path === '/auth/demo-login' && request.method === 'POST'
            ? demoLogin
            : path === '/auth/demo-users'
              ? async () => listDemoUsers(response)
              : async () => serveStatic(env.HUB_WEB_DIST, path, response);
    route(request, response).catch((error: unknown) => sendError(response, error, 'gateway'));
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
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await apollo.stop();
    },
  };
}
