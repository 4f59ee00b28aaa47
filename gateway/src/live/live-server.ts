import type { Server } from 'node:http';
import { ErrorCode, type Viewer } from '@hub/contracts';
import { logger } from '@hub/http/log';
import {
  type DocumentNode,
  type ExecutionArgs,
  type FormattedExecutionResult,
  GraphQLError,
  type OperationDefinitionNode,
  print,
  validate,
} from 'graphql';
import type { Client } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import type WebSocket from 'ws';
import { WebSocketServer } from 'ws';
import type { IdentitySigner } from '../identity-tokens.ts';
import { admitOperation, type QueryLimits } from '../limits.ts';
import { planSubscription } from './completion.ts';
import { type LiveCounters, LiveGroup } from './group.ts';
import { asExecutionResult } from './results.ts';
import type { DirectChannel } from './subscriber.ts';
import { type LiveRoutes, liveRoutes } from './supergraph-routes.ts';
import { createUpstreamClient } from './upstream-client.ts';

const log = logger('live');

export interface LiveServerOptions {
  readonly http: Server;
  readonly supergraphSdl: string;
  /** Subgraph name → its HTTP /graphql URL (the WebSocket URL is derived). */
  readonly subgraphUrls: Record<string, string>;
  /** Signs a viewer's identity for one subgraph. */
  readonly signIdentity: IdentitySigner;
  readonly limits: QueryLimits;
  /** Verifies `Authorization`; throws for a bad token, anonymous without one. */
  readonly authenticate: (authorization: string | undefined) => Promise<Viewer>;
  /** Runs a query or mutation through the gateway as `viewer` (Apollo's executeOperation). */
  readonly execute: (
    query: string,
    variables: Record<string, unknown>,
    operationName: string | undefined,
    viewer: Viewer,
    kind: 'query' | 'mutation',
  ) => Promise<FormattedExecutionResult>;
  /**
   * The rate limit, shared with HTTP: called once per operation; returns a message when the
   * caller must wait (the operation then fails with RATE_LIMITED).
   */
  readonly admit: (viewer: Viewer, address: string | undefined) => Promise<string | null>;
  /** When the caller's token expires (epoch ms), if it does: the socket is closed then. */
  readonly tokenExpiresAt?: (authorization: string | undefined) => number | null;
  /** The largest message a client may send (the HTTP body limit); a larger one closes its socket (1009). */
  readonly maxMessageBytes: number;
  /** Events a client may fall behind before it is told to resume, and a group keeps to replay. Default 256. */
  readonly queueCapacity?: number;
  /** Told of each event a stream receives, with the stream's arguments, before it is delivered. */
  readonly onEvent?: (upstreamVariables: Readonly<Record<string, unknown>>) => void;
}

export interface LiveServer {
  /** Applies a new supergraph: streams no longer valid end with SCHEMA_CHANGED; the others are re-planned and go on. */
  updateSupergraph(supergraphSdl: string): void;
  readonly counters: LiveCounters & { groups: () => number; clients: () => number };
  close(): Promise<void>;
}

type ConnectionExtra = { viewer?: Viewer; expiry?: NodeJS.Timeout };

/** A stream shared by clients: the group and what it was planned from (to re-plan it). */
interface GroupEntry {
  readonly group: LiveGroup;
  readonly document: DocumentNode;
  readonly operation: OperationDefinitionNode;
  readonly variables: Record<string, unknown>;
  readonly visibility: Viewer;
  key: string;
}

/** setTimeout's longest delay (about 24.8 days); later expiries are checked again then. */
const maxTimerMs = 2 ** 31 - 1;

/** Who may see the same data: subscriptions are shared only within one visibility. */
function visibilityOf(viewer: Viewer): Viewer {
  const partner = viewer.partnerId ?? 'all';
  return { subject: `live:${viewer.role}:${partner}`, role: viewer.role, ...(viewer.partnerId ? { partnerId: viewer.partnerId } : {}) };
}

/**
 * The gateway's live layer (docs/architecture.md, "Live updates"): graphql-ws on the gateway's own port and
 * path. The identity is checked on connection_init (a bad token closes with 4403); operations
 * are validated against the supergraph's API schema and its limits; a subscription's root field
 * is forwarded to the subgraph that owns it and each event is completed through the gateway's
 * own query planning, once per group of identical subscriptions. Queries and mutations sent
 * over the socket run through the gateway as over HTTP.
 */
export function startLiveServer(options: LiveServerOptions): LiveServer {
  let routes: LiveRoutes = liveRoutes(options.supergraphSdl);
  const capacity = options.queueCapacity ?? 256;
  const counters: LiveCounters = { upstreamSubscriptions: 0, completions: 0, completionRetries: 0, deliveries: 0 };
  /** Stream key → the groups serving it (several when clients resume from far apart). */
  const groups = new Map<string, Set<GroupEntry>>();
  const upstreams = new Map<string, Client>();

  /**
   * One connection per subgraph and visibility, identified as that visibility: a subgraph then
   * knows who subscribes and may refuse a stream the caller is not to follow (a partner's
   * reminders), as it refuses the completion queries of each event.
   */
  const upstream = (subgraph: string, visibility: Viewer): Client => {
    const key = JSON.stringify([subgraph, visibility.subject]);
    let client = upstreams.get(key);
    if (!client) {
      const httpUrl = options.subgraphUrls[subgraph];
      if (!httpUrl) {
        throw new Error(`No URL for subgraph ${subgraph}`);
      }
      client = createUpstreamClient(httpUrl, () => options.signIdentity(visibility, subgraph));
      upstreams.set(key, client);
    }
    return client;
  };

  const complete = async (query: string, variables: Record<string, unknown>, viewer: Viewer) =>
    options.execute(query, variables, 'LiveCompletion', viewer, 'query');

  const planned = (document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>, viewer: Viewer) => {
    const plan = planSubscription(routes.apiSchema, document, operation, variables);
    const rootField = (operation.selectionSet.selections[0] as { name: { value: string } }).name.value;
    const owner = routes.owners.get(rootField);
    if (!owner) {
      throw new GraphQLError(`No subgraph serves Subscription.${rootField}`, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    }
    return { plan, owner, key: JSON.stringify([visibilityOf(viewer).subject, plan.streamKey]) };
  };

  const forget = (entry: GroupEntry) => {
    const set = groups.get(entry.key);
    set?.delete(entry);
    if (set?.size === 0) {
      groups.delete(entry.key);
    }
  };

  /** Joins the client to a group of its stream that has every event after its cursor, or starts one there. */
  const subscribe = (
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Record<string, unknown>,
    viewer: Viewer,
    direct: DirectChannel,
  ) => {
    const { plan, owner, key } = planned(document, operation, variables, viewer);
    // Cursors are compared as numbers: a malformed one must not reach the groups (nor start one).
    if (plan.after !== null && !/^\d{1,19}$/.test(plan.after)) {
      throw new GraphQLError('after is not a cursor of this stream', { extensions: { code: ErrorCode.BAD_USER_INPUT } });
    }
    const set = groups.get(key) ?? new Set<GroupEntry>();
    groups.set(key, set);
    let entry = [...set].find((candidate) => candidate.group.covers(plan.after));
    if (!entry) {
      const visibility = visibilityOf(viewer);
      const started: GroupEntry = {
        document,
        operation,
        variables,
        visibility,
        key,
        group: new LiveGroup(
          plan,
          upstream(owner, visibility),
          visibility,
          { complete, counters, onEvent: options.onEvent },
          capacity,
          () => forget(started),
        ),
      };
      entry = started;
      set.add(entry);
    }
    return entry.group.join(plan.after, capacity, direct);
  };

  /** Closes a socket with 4403 when its token expires: what the token allowed ends with it. */
  const closeAtExpiry = (extra: ConnectionExtra & { socket: WebSocket }, expiresAt: number) => {
    const check = () => {
      const left = expiresAt - Date.now();
      if (left <= 0) {
        extra.socket.close(4403, 'Forbidden: the token has expired');
      } else {
        extra.expiry = setTimeout(check, Math.min(left, maxTimerMs));
      }
    };
    check();
    extra.socket.once('close', () => clearTimeout(extra.expiry));
  };

  const wss = new WebSocketServer({ server: options.http, path: '/graphql', maxPayload: options.maxMessageBytes });
  const server = useServer<{ authorization?: string }, ConnectionExtra>(
    {
      schema: () => routes.apiSchema,
      onConnect: async (ctx) => {
        const authorization = ctx.connectionParams?.authorization;
        try {
          ctx.extra.viewer = await options.authenticate(authorization);
        } catch {
          return false; // closes with 4403 Forbidden
        }
        const expiresAt = options.tokenExpiresAt?.(authorization);
        if (expiresAt) {
          closeAtExpiry(ctx.extra, expiresAt);
        }
        return true;
      },
      onSubscribe: async (ctx, id, payload) => {
        const refusal = await options.admit(ctx.extra.viewer as Viewer, ctx.extra.request.socket.remoteAddress);
        if (refusal) {
          return [new GraphQLError(refusal, { extensions: { code: 'RATE_LIMITED' } })];
        }
        // The same admission as HTTP: parse, count and limit in linear time, then validate.
        const admitted = admitOperation(routes.apiSchema, payload, options.limits, 'websocket');
        if ('errors' in admitted) {
          return admitted.errors;
        }
        const { document, operation } = admitted;
        return {
          schema: routes.apiSchema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables ?? {},
          contextValue: { viewer: ctx.extra.viewer, operation, direct: { socket: ctx.extra.socket, id } satisfies DirectChannel },
        } satisfies ExecutionArgs;
      },
      subscribe: (args) => {
        const { viewer, operation, direct } = args.contextValue as {
          viewer: Viewer;
          operation: OperationDefinitionNode;
          direct: DirectChannel;
        };
        try {
          return subscribe(args.document, operation, (args.variableValues ?? {}) as Record<string, unknown>, viewer, direct);
        } catch (error) {
          if (error instanceof GraphQLError) {
            return { errors: [error] };
          }
          log.error({ err: error }, 'a subscription could not start');
          return { errors: [new GraphQLError('The subscription could not start', { extensions: { code: ErrorCode.INTERNAL } })] };
        }
      },
      execute: async (args) => {
        const { viewer, operation } = args.contextValue as { viewer: Viewer; operation: OperationDefinitionNode };
        const variables = (args.variableValues ?? {}) as Record<string, unknown>;
        const kind = operation.operation === 'mutation' ? 'mutation' : 'query';
        return asExecutionResult(await options.execute(print(args.document), variables, args.operationName ?? undefined, viewer, kind));
      },
    },
    wss,
  );

  return {
    counters: Object.assign(counters, {
      groups: () => [...groups.values()].reduce((sum, set) => sum + set.size, 0),
      clients: () => [...groups.values()].flatMap((set) => [...set]).reduce((sum, entry) => sum + entry.group.size, 0),
    }),
    updateSupergraph(supergraphSdl) {
      routes = liveRoutes(supergraphSdl);
      const entries = [...groups.values()].flatMap((set) => [...set]);
      groups.clear();
      for (const entry of entries) {
        let next: ReturnType<typeof planned> | null = null;
        if (validate(routes.apiSchema, entry.document).length === 0) {
          try {
            next = planned(entry.document, entry.operation, entry.variables, entry.visibility);
          } catch {
            next = null;
          }
        }
        if (!next) {
          entry.group.failAll([
            new GraphQLError('The hub’s schema changed and this subscription is no longer valid; resubscribe', {
              extensions: { code: ErrorCode.SCHEMA_CHANGED },
            }),
          ]);
          continue;
        }
        entry.key = next.key;
        groups.set(next.key, (groups.get(next.key) ?? new Set()).add(entry));
        entry.group.replan(next.plan, upstream(next.owner, entry.visibility));
      }
    },
    async close() {
      for (const { group } of [...groups.values()].flatMap((set) => [...set])) {
        group.endAll();
      }
      await server.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await Promise.all([...upstreams.values()].map((client) => client.dispose()));
    },
  };
}
