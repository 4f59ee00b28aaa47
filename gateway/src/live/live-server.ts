import type { Server } from 'node:http';
import { signInternalIdentity, type Viewer } from '@hub/contracts';
import {
  type DocumentNode,
  type ExecutionArgs,
  type FormattedExecutionResult,
  GraphQLError,
  getOperationAST,
  Kind,
  type OperationDefinitionNode,
  parse,
  print,
  validate,
} from 'graphql';
import { type Client, createClient } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import WebSocket, { WebSocketServer } from 'ws';
import { enforceLimits, measureOperation, type QueryLimits } from '../limits.ts';
import { planSubscription } from './completion.ts';
import { type LiveCounters, LiveGroup } from './group.ts';
import { asExecutionResult } from './results.ts';
import { type LiveRoutes, liveRoutes } from './supergraph-routes.ts';

export interface LiveServerOptions {
  readonly http: Server;
  readonly supergraphSdl: string;
  /** Subgraph name → its HTTP /graphql URL (the WebSocket URL is derived). */
  readonly subgraphUrls: Record<string, string>;
  readonly internalSecret: string;
  readonly limits: QueryLimits;
  /** Verifies `Authorization`; throws for a bad token, anonymous without one. */
  readonly authenticate: (authorization: string | undefined) => Promise<Viewer>;
  /** Runs a query or mutation through the gateway as `viewer` (Apollo's executeOperation). */
  readonly execute: (
    query: string,
    variables: Record<string, unknown>,
    operationName: string | undefined,
    viewer: Viewer,
  ) => Promise<FormattedExecutionResult>;
  /**
   * The rate limit, shared with HTTP: called once per operation; returns a message when the
   * caller must wait (the operation then fails with RATE_LIMITED).
   */
  readonly admit: (viewer: Viewer, address: string | undefined) => string | null;
  /** Events a client may fall behind before it is told to resume. Default 256. */
  readonly queueCapacity?: number;
}

export interface LiveServer {
  /** Applies a new supergraph: streams no longer valid end with SCHEMA_CHANGED; others go on. */
  updateSupergraph(supergraphSdl: string): void;
  readonly counters: LiveCounters & { groups: () => number; clients: () => number };
  close(): Promise<void>;
}

type ConnectionExtra = { viewer?: Viewer };

/** Who may see the same data: subscriptions are shared only within one visibility. */
function visibilityOf(viewer: Viewer): Viewer {
  const partner = viewer.partnerId ?? 'all';
  return { subject: `live:${viewer.role}:${partner}`, role: viewer.role, ...(viewer.partnerId ? { partnerId: viewer.partnerId } : {}) };
}

/**
 * The gateway's live layer (DESIGN.md, "Live updates"): graphql-ws on the gateway's own port and
 * path. The identity is checked on connection_init (a bad token closes with 4403); operations
 * are validated against the supergraph's API schema and its limits; a subscription's root field
 * is forwarded to the subgraph that owns it and each event is completed through the gateway's
 * own query planning, once per group of identical subscriptions. Queries and mutations sent
 * over the socket run through the gateway as over HTTP.
 */
export function startLiveServer(options: LiveServerOptions): LiveServer {
  let routes: LiveRoutes = liveRoutes(options.supergraphSdl);
  const capacity = options.queueCapacity ?? 256;
  const counters: LiveCounters = { upstreamSubscriptions: 0, completions: 0, deliveries: 0 };
  const groups = new Map<string, { group: LiveGroup; document: DocumentNode }>();
  const upstreams = new Map<string, Client>();

  const upstream = (subgraph: string): Client => {
    let client = upstreams.get(subgraph);
    if (!client) {
      const httpUrl = options.subgraphUrls[subgraph];
      if (!httpUrl) {
        throw new Error(`No URL for subgraph ${subgraph}`);
      }
      client = createClient({
        url: httpUrl.replace(/^http/, 'ws'),
        webSocketImpl: WebSocket,
        lazy: true,
        retryAttempts: 0, // groups resume from their own last cursor instead
        connectionParams: async () => ({
          identity: await signInternalIdentity(
            { viewer: { subject: 'gateway-live', role: 'viewer' }, caller: 'gateway' },
            options.internalSecret,
          ),
        }),
      });
      upstreams.set(subgraph, client);
    }
    return client;
  };

  const complete = async (query: string, variables: Record<string, unknown>, viewer: Viewer) =>
    options.execute(query, variables, 'LiveCompletion', viewer);

  const subscribe = (document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>, viewer: Viewer) => {
    const visibility = visibilityOf(viewer);
    const key = JSON.stringify([print(document), operation.name?.value ?? null, variables, visibility.subject]);
    let entry = groups.get(key);
    if (!entry) {
      const plan = planSubscription(routes.apiSchema, document, operation, variables);
      const rootField = (operation.selectionSet.selections[0] as { name: { value: string } }).name.value;
      const owner = routes.owners.get(rootField);
      if (!owner) {
        throw new GraphQLError(`No subgraph serves Subscription.${rootField}`, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
      }
      const group = new LiveGroup(plan, visibility, { upstream: upstream(owner), complete, counters }, () => groups.delete(key));
      entry = { group, document };
      groups.set(key, entry);
    }
    return entry.group.join(capacity);
  };

  const wss = new WebSocketServer({ server: options.http, path: '/graphql' });
  const server = useServer<{ authorization?: string }, ConnectionExtra>(
    {
      schema: () => routes.apiSchema,
      onConnect: async (ctx) => {
        try {
          ctx.extra.viewer = await options.authenticate(ctx.connectionParams?.authorization);
          return true;
        } catch {
          return false; // closes with 4403 Forbidden
        }
      },
      onSubscribe: (ctx, _id, payload) => {
        const refusal = options.admit(ctx.extra.viewer as Viewer, ctx.extra.request.socket.remoteAddress);
        if (refusal) {
          return [new GraphQLError(refusal, { extensions: { code: 'RATE_LIMITED' } })];
        }
        let document: DocumentNode;
        try {
          document = parse(payload.query);
        } catch (error) {
          return [error as GraphQLError];
        }
        const errors = validate(routes.apiSchema, document);
        if (errors.length > 0) {
          return errors;
        }
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) {
          return [new GraphQLError('Name the operation to run', { extensions: { code: 'BAD_USER_INPUT' } })];
        }
        const fragments = Object.fromEntries(
          document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
        );
        try {
          enforceLimits(measureOperation(routes.apiSchema, operation, fragments, payload.variables ?? {}), options.limits);
        } catch (error) {
          return [error as GraphQLError];
        }
        return {
          schema: routes.apiSchema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables ?? {},
          contextValue: { viewer: ctx.extra.viewer, operation },
        } satisfies ExecutionArgs;
      },
      subscribe: (args) => {
        const { viewer, operation } = args.contextValue as { viewer: Viewer; operation: OperationDefinitionNode };
        try {
          return subscribe(args.document, operation, (args.variableValues ?? {}) as Record<string, unknown>, viewer);
        } catch (error) {
          return { errors: [error instanceof GraphQLError ? error : new GraphQLError((error as Error).message)] };
        }
      },
      execute: async (args) => {
        const { viewer } = args.contextValue as { viewer: Viewer };
        const variables = (args.variableValues ?? {}) as Record<string, unknown>;
        return asExecutionResult(await options.execute(print(args.document), variables, args.operationName ?? undefined, viewer));
      },
    },
    wss,
  );

  return {
    counters: Object.assign(counters, {
      groups: () => groups.size,
      clients: () => [...groups.values()].reduce((sum, entry) => sum + entry.group.size, 0),
    }),
    updateSupergraph(supergraphSdl) {
      routes = liveRoutes(supergraphSdl);
      for (const { group, document } of [...groups.values()]) {
        if (validate(routes.apiSchema, document).length > 0) {
          group.failAll([
            new GraphQLError('The hub’s schema changed and this subscription is no longer valid; resubscribe', {
              extensions: { code: 'SCHEMA_CHANGED' },
            }),
          ]);
        }
      }
    },
    async close() {
      for (const { group } of [...groups.values()]) {
        group.endAll();
      }
      await server.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await Promise.all([...upstreams.values()].map((client) => client.dispose()));
    },
  };
}
