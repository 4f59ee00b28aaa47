import { identityHeader, type Viewer } from '@hub/contracts';
import type { RunningStack } from '@hub/testkit';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { eventually, type GraphQLResponse, metric } from './hub.ts';
import { gatewayIdentity } from './identity.ts';
import { type Caller, type PartnerKindName, partnerKinds, sql } from './publishing.ts';

/**
 * A dashboard's live view of an alliance's joint list, as the web app keeps it
 * (web/src/api/resumable.ts), instrumented for fault tests: it keeps the last cursor it received
 * and, whenever its stream ends (lost connection, server restart, an error, a normal end),
 * subscribes again with `after` = that cursor — or its start cursor while it has received
 * nothing — after a short pause. It records every event, counts duplicates and out-of-order
 * cursors, and keeps each error code it was told: SLOW_CONSUMER is resumed from, CURSOR_EXPIRED
 * stops it (the view must be reloaded, which a test must notice).
 */

export const listChangedSubscription = /* GraphQL */ `
  subscription Watch($allianceId: ID!, $after: String) {
    coBuildingListChanged(allianceId: $allianceId, after: $after) {
      cursor
      action
      commitment { __typename id ... on Commitment { title status } }
    }
  }
`;

export interface LiveEvent {
  readonly cursor: string;
  readonly action: string | null;
  readonly commitmentId: string | null;
  readonly typename: string | null;
  /** The event came with errors (e.g. a partner's fields missing while it is down). */
  readonly partial: boolean;
  /** Those errors, in short: `CODE at path (service): message`. */
  readonly errors: string[];
  /** Date.now() when it arrived. */
  readonly at: number;
}

export interface LiveSubscriberOptions {
  /** The gateway's GraphQL URL (http: or ws:). */
  readonly url: string;
  /** A user token for connection_init; none: anonymous. */
  readonly token?: string;
  readonly allianceId: string;
  /** Where to start: `after` of the first subscription (and of every resumption until an event arrives). */
  readonly after: string | null;
  /** A label in reports. */
  readonly name: string;
  /** Pause before resubscribing: uniformly between these, in ms. Default 100–500. */
  readonly backoffMs?: readonly [number, number];
  readonly query?: string;
}

function bigint(cursor: string): bigint {
  return BigInt(cursor);
}

/** An error in short, for reports: `CODE at a.b.c (service): message`. */
export function describeError(error: unknown): string {
  const e = error as { message?: unknown; path?: unknown; extensions?: { code?: unknown; serviceName?: unknown } };
  const path = Array.isArray(e?.path) ? ` at ${e.path.join('.')}` : '';
  const service = e?.extensions?.serviceName ? ` (${String(e.extensions.serviceName)})` : '';
  return `${String(e?.extensions?.code ?? 'NO_CODE')}${path}${service}: ${String(e?.message ?? error).slice(0, 160)}`;
}

function codesOf(errors: readonly unknown[]): string[] {
  return errors.map((error) => String((error as { extensions?: { code?: unknown } })?.extensions?.code ?? 'NO_CODE'));
}

export class LiveSubscriber {
  readonly name: string;
  readonly startCursor: string | null;
  /** Every event received, in arrival order (duplicates included). */
  readonly events: LiveEvent[] = [];
  /** Events whose cursor had been received before. */
  duplicates = 0;
  /** Events whose cursor was lower than one received before (duplicates not counted). */
  outOfOrder = 0;
  /** Results that carried errors and no event (no cursor): an event the server could not give. */
  errorResults = 0;
  /** Every error code the server told this client, in order (in results, or as the operation's errors). */
  readonly errorCodes: string[] = [];
  /** The first few errors it was told, described (`describeError`), with the cursor they came with. */
  readonly errorSamples: string[] = [];
  /** Close codes of the connections that ended under it. */
  readonly closes: number[] = [];
  /** How many times it subscribed again after its stream ended. */
  resubscriptions = 0;
  /** Set when the server said CURSOR_EXPIRED: it stopped. */
  expired = false;
  /** The cursor it resumes after: the last one received, else where it started. */
  after: string | null;

  private readonly seen = new Set<string>();
  private highest: bigint | null = null;
  private readonly client: Client;
  private dispose: (() => void) | null = null;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private closing: Promise<void> | null = null;
  private attempt = 0;

  constructor(private readonly options: LiveSubscriberOptions) {
    this.name = options.name;
    this.startCursor = options.after;
    this.after = options.after;
    this.client = createClient({
      url: options.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      retryAttempts: 0, // it resumes by itself, with its cursor
      connectionParams: options.token ? { authorization: `Bearer ${options.token}` } : {},
      on: {
        closed: (event) => {
          const code = (event as { code?: unknown })?.code;
          if (typeof code === 'number') {
            this.closes.push(code);
          }
        },
      },
    });
    this.subscribe();
  }

  /** The cursors received, in arrival order. */
  cursors(): string[] {
    return this.events.map((event) => event.cursor);
  }

  /** Whether it has received every one of `cursors`. */
  hasAll(cursors: readonly string[]): boolean {
    return cursors.every((cursor) => this.seen.has(cursor));
  }

  /** Drops its connection abruptly, as a network failure would; it resumes as after any drop. */
  dropConnection(): void {
    this.client.terminate();
  }

  /** Ends its subscription and closes its connection for good. */
  stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.closing ??= (async () => {
      this.dispose?.();
      await this.client.dispose();
    })();
    return this.closing;
  }

  private subscribe(): void {
    if (this.stopped) {
      return;
    }
    const attempt = ++this.attempt;
    const current = () => attempt === this.attempt && !this.stopped;
    this.dispose = this.client.subscribe(
      {
        query: this.options.query ?? listChangedSubscription,
        variables: { allianceId: this.options.allianceId, after: this.after },
      },
      {
        next: (result) => {
          if (current()) {
            this.receive(result as { data?: Record<string, any> | null; errors?: readonly unknown[] });
          }
        },
        error: (error) => {
          if (!current()) {
            return;
          }
          if (Array.isArray(error)) {
            // The operation's own errors (refused, invalid): recorded; it tries again like the rest.
            this.sample(error, null);
            this.tell(codesOf(error));
          }
          this.resume();
        },
        complete: () => {
          if (current()) {
            this.resume();
          }
        },
      },
    );
  }

  private receive(result: { data?: Record<string, any> | null; errors?: readonly unknown[] }): void {
    const root = result.data ? Object.values(result.data)[0] : null;
    const errors = result.errors ?? [];
    const cursor = root && typeof root.cursor === 'string' ? (root.cursor as string) : null;
    if (errors.length > 0) {
      this.sample(errors, cursor);
      this.tell(codesOf(errors));
    }
    if (!cursor) {
      if (errors.length > 0 && !codesOf(errors).includes('SLOW_CONSUMER') && !this.expired) {
        this.errorResults += 1;
      }
      return;
    }
    const value = bigint(cursor);
    if (this.seen.has(cursor)) {
      this.duplicates += 1;
    } else if (this.highest !== null && value < this.highest) {
      this.outOfOrder += 1;
    }
    this.seen.add(cursor);
    if (this.highest === null || value > this.highest) {
      this.highest = value;
    }
    this.events.push({
      cursor,
      action: root.action ?? null,
      commitmentId: root.commitment?.id ?? null,
      typename: root.commitment?.__typename ?? null,
      partial: errors.length > 0,
      errors: errors.map(describeError),
      at: Date.now(),
    });
    this.after = cursor;
  }

  private sample(errors: readonly unknown[], cursor: string | null): void {
    for (const error of errors) {
      if (this.errorSamples.length < 5) {
        this.errorSamples.push(`${cursor ? `cursor ${cursor}: ` : ''}${describeError(error)}`);
      }
    }
  }

  private tell(codes: string[]): void {
    this.errorCodes.push(...codes);
    if (codes.includes('CURSOR_EXPIRED')) {
      this.expired = true;
      void this.stop();
    }
  }

  private resume(): void {
    if (this.stopped) {
      return;
    }
    this.attempt += 1; // late callbacks of the ended subscription are ignored
    const [low, high] = this.options.backoffMs ?? [100, 500];
    clearTimeout(this.timer);
    this.timer = setTimeout(
      () => {
        this.resubscriptions += 1;
        this.subscribe();
      },
      low + Math.random() * (high - low),
    );
  }
}

/** Opens `count` subscribers of one alliance, all from `after`. */
export function openSubscribers(
  count: number,
  options: Omit<LiveSubscriberOptions, 'name'> & { prefix?: string; firstIndex?: number },
): LiveSubscriber[] {
  return Array.from(
    { length: count },
    (_, i) => new LiveSubscriber({ ...options, name: `${options.prefix ?? 'dashboard'}-${(options.firstIndex ?? 0) + i + 1}` }),
  );
}

/** Waits until the gateway counts at least `count` live clients. */
export async function untilLiveClients(stack: RunningStack, count: number, timeoutMs = 15_000): Promise<void> {
  await eventually(async () => (await metric(stack.gatewayUrl, 'hub_live_clients').catch(() => 0)) >= count, timeoutMs, 100);
}

/**
 * The cursor of the alliance's current state, to subscribe from: `Alliance.liveCursor` once the
 * schema has it, else the newest event's seq read from the alliance's database.
 */
export async function currentCursor(stack: RunningStack, allianceId: string, token?: string): Promise<{ cursor: string; source: string }> {
  const response = await gqlWithTimeout(
    stack.gatewayUrl,
    'query($id: ID!) { alliance(id: $id) { liveCursor } }',
    { id: allianceId },
    token,
  );
  const cursor = response.data?.alliance?.liveCursor;
  if (typeof cursor === 'string' && !response.errors?.length) {
    return { cursor, source: 'Alliance.liveCursor' };
  }
  const [row] = await sql<{ seq: string }>(stack.databaseUrls.alliance, 'select coalesce(max(seq), 0)::text as seq from alliance_event');
  return { cursor: row?.seq ?? '0', source: 'max(alliance_event.seq)' };
}

/** The alliance's joint-list events after `after`, in order, as its database holds them: what every subscriber must receive. */
export async function listCursorsAfter(stack: RunningStack, allianceId: string, after: string | null): Promise<string[]> {
  // Ordered by the bigint column, not by its text (an output column named seq would sort "100" before "25").
  const rows = await sql<{ cursor: string }>(
    stack.databaseUrls.alliance,
    `select e.seq::text as cursor from alliance_event e where e.alliance_id = $1 and e.topic = 'list' and e.seq > $2 order by e.seq`,
    [allianceId, after ?? '0'],
  );
  return rows.map((row) => row.cursor);
}

/** Waits (without failing) until every subscriber has received the events expected of it, or `timeoutMs` passes. */
export async function untilDelivered(
  subscribers: readonly LiveSubscriber[],
  expected: (subscriber: LiveSubscriber) => readonly string[],
  timeoutMs = 20_000,
): Promise<boolean> {
  try {
    await eventually(async () => subscribers.every((s) => s.expired || s.hasAll(expected(s))), timeoutMs, 100);
    return true;
  } catch {
    return false;
  }
}

/** What one subscriber got, compared with what it should have. */
export interface Delivery {
  readonly name: string;
  readonly expected: number;
  readonly received: number;
  readonly lost: string[];
  readonly duplicated: number;
  readonly outOfOrder: number;
  /** Cursors received that are not among the expected ones. */
  readonly unexpected: string[];
  readonly errorResults: number;
  readonly errorCodes: string[];
  readonly partial: number;
  readonly expired: boolean;
  readonly resubscriptions: number;
  /** Received exactly the expected cursors, each once, in order. */
  readonly exact: boolean;
  /** Where the received cursors first differ from the expected ones, if they do. */
  readonly firstMismatch: string | null;
}

export function deliveryOf(subscriber: LiveSubscriber, expected: readonly string[]): Delivery {
  const received = subscriber.cursors();
  const got = new Set(received);
  const wanted = new Set(expected);
  const at = received.findIndex((cursor, i) => cursor !== expected[i]);
  const mismatch = at >= 0 ? at : received.length !== expected.length ? Math.min(received.length, expected.length) : -1;
  return {
    name: subscriber.name,
    expected: expected.length,
    received: received.length,
    lost: expected.filter((cursor) => !got.has(cursor)),
    duplicated: subscriber.duplicates,
    outOfOrder: subscriber.outOfOrder,
    unexpected: [...got].filter((cursor) => !wanted.has(cursor)),
    errorResults: subscriber.errorResults,
    errorCodes: [...new Set(subscriber.errorCodes)],
    partial: subscriber.events.filter((event) => event.partial).length,
    expired: subscriber.expired,
    resubscriptions: subscriber.resubscriptions,
    exact: mismatch < 0,
    firstMismatch:
      mismatch < 0 ? null : `#${mismatch}: received ${received[mismatch] ?? 'nothing'}, expected ${expected[mismatch] ?? 'nothing'}`,
  };
}

/** One line per subscriber that did not get exactly what it should have (empty when all did). */
export function deliveryProblems(deliveries: readonly Delivery[]): string[] {
  const few = (cursors: readonly string[]) => `${cursors.slice(0, 6).join(',')}${cursors.length > 6 ? ',…' : ''}`;
  return deliveries
    .filter((d) => !d.exact || d.expired)
    .map(
      (d) =>
        `${d.name}: expected ${d.expected}, received ${d.received}; lost ${d.lost.length}${d.lost.length ? ` (${few(d.lost)})` : ''}, ` +
        `duplicated ${d.duplicated}, out of order ${d.outOfOrder}, unexpected ${d.unexpected.length}` +
        `${d.errorResults ? `, ${d.errorResults} error results` : ''}${d.errorCodes.length ? `, codes ${d.errorCodes.join('/')}` : ''}` +
        `${d.expired ? ', CURSOR_EXPIRED' : ''}${d.firstMismatch ? `; first difference: ${d.firstMismatch}` : ''}`,
    );
}

/** Totals over subscribers: the figures of a test's one-line summary. */
export function deliveryTotals(deliveries: readonly Delivery[]) {
  const sum = (pick: (d: Delivery) => number) => deliveries.reduce((total, d) => total + pick(d), 0);
  return {
    subscribers: deliveries.length,
    expected: sum((d) => d.expected),
    delivered: sum((d) => d.received - d.duplicated),
    lost: sum((d) => d.lost.length),
    duplicated: sum((d) => d.duplicated),
    outOfOrder: sum((d) => d.outOfOrder),
    errorResults: sum((d) => d.errorResults),
    partial: sum((d) => d.partial),
    resubscriptions: sum((d) => d.resubscriptions),
    affected: deliveries.filter((d) => !d.exact).length,
  };
}

/** Prints a test's one-line summary: published / delivered / lost / duplicated. */
export function printSummary(test: string, published: PublishCounts, events: number, deliveries: readonly Delivery[], extra = ''): void {
  const t = deliveryTotals(deliveries);
  console.log(
    `[faults] ${test}: published ${published.made} (failed ${published.failed}) → ${events} list events; ` +
      `${t.subscribers} subscribers expected ${t.expected}, delivered ${t.delivered}, lost ${t.lost}, duplicated ${t.duplicated}, ` +
      `out of order ${t.outOfOrder}, error results ${t.errorResults}, partial ${t.partial}, ` +
      `subscribers affected ${t.affected}, resubscriptions ${t.resubscriptions}${extra ? `; ${extra}` : ''}`,
  );
}

/** A POST to a GraphQL endpoint that gives up after `timeoutMs` (a fault may leave a request hanging). */
export async function gqlWithTimeout<T = any>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
  headers: Record<string, string> = {},
  timeoutMs = 8000,
): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const body = (await response.json()) as GraphQLResponse<T>;
  return { status: response.status, data: body.data, errors: body.errors };
}

/** A caller through the gateway whose requests time out instead of hanging. */
export function gatewayCaller(stack: RunningStack, token: string, label = 'editor'): Caller {
  return { label, token, request: (query, variables = {}) => gqlWithTimeout(stack.gatewayUrl, query, variables, token) };
}

/**
 * A partner editor calling its partner subgraph directly, with the identity the gateway would
 * forward (signed with the gateway's key): how a test publishes while the gateway is down.
 */
export function directCaller(stack: RunningStack, subgraph: keyof RunningStack['subgraphUrls'], viewer: Viewer): Caller {
  return {
    label: `${viewer.subject} at ${subgraph}`,
    token: undefined,
    request: async (query, variables = {}) =>
      gqlWithTimeout(stack.subgraphUrls[subgraph]!, query, variables, undefined, {
        [identityHeader]: await gatewayIdentity(stack, viewer, subgraph),
      }),
  };
}

export interface PublishCounts {
  /** Writes that were acknowledged (each one event on the joint list). */
  made: number;
  /** Writes given up on after retries (perhaps made, perhaps not: the database says). */
  failed: number;
}

/** One editor's desk: who writes, for which kind. */
export interface PublishSource {
  readonly caller: Caller;
  readonly kind: PartnerKindName;
}

async function attempt<T>(work: () => Promise<GraphQLResponse>, pick: (data: any) => T | undefined, tries: number): Promise<T | null> {
  for (let i = 0; i < tries; i += 1) {
    try {
      const response = await work();
      const value = response.data ? pick(response.data) : undefined;
      if (value !== undefined && value !== null && !response.errors?.length) {
        return value;
      }
    } catch {
      // unreachable or timed out: try again
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return null;
}

/**
 * Publishes new commitments to an alliance's joint list (create + publish; every third one also
 * gets a progress report: a second event), retrying each write a few times while a fault lasts
 * and counting what was acknowledged and what was given up on. The expected events come from
 * the database, not from these counts.
 */
export class Publisher {
  readonly counts: PublishCounts = { made: 0, failed: 0 };
  private n = 0;
  private running: Promise<void>[] = [];
  private stopping = false;
  private ackWaiters: (() => void)[] = [];

  constructor(
    private readonly allianceId: string,
    private readonly label: string,
  ) {}

  /** Publishes one new item as `source`; resolves to whether every write of it was acknowledged. */
  async publishOne(source: PublishSource, tries = 3): Promise<boolean> {
    const n = ++this.n;
    const { namespace, prefix, own } = partnerKinds[source.kind];
    const created = await attempt(
      () =>
        source.caller.request(
          `mutation($allianceId: ID!, $input: ${prefix}CommitmentInput!) { ${namespace} { createCommitment(allianceId: $allianceId, input: $input) { id version } } }`,
          {
            allianceId: this.allianceId,
            input: { ...own, title: `${this.label} 第 ${n} 项`, category: 'WORK_LINKAGE', dueDate: '2027-06-30' },
          },
        ),
      (data) => data[namespace]?.createCommitment as { id: string; version: number } | undefined,
      tries,
    );
    if (!created) {
      this.counts.failed += 1;
      return false;
    }
    const published = await attempt(
      () =>
        source.caller.request(
          `mutation($id: ID!, $version: Int!) { ${namespace} { publishCommitment(id: $id, version: $version) { id version } } }`,
          { id: created.id, version: created.version },
        ),
      (data) => data[namespace]?.publishCommitment as { id: string; version: number } | undefined,
      tries,
    );
    if (!published) {
      this.counts.failed += 1;
      return false;
    }
    this.acknowledged();
    if (n % 3 === 0) {
      const reported = await attempt(
        () =>
          source.caller.request(
            `mutation($id: ID!, $version: Int!, $input: ProgressInput!) { ${namespace} { reportProgress(id: $id, version: $version, input: $input) { id } } }`,
            { id: published.id, version: published.version, input: { percent: 40, text: `${this.label} 进展` } },
          ),
        (data) => data[namespace]?.reportProgress as { id: string } | undefined,
        tries,
      );
      if (reported) {
        this.acknowledged();
      } else {
        this.counts.failed += 1;
      }
      return Boolean(reported);
    }
    return true;
  }

  /** Resolves when the next write is acknowledged: a fault injected right then meets its event on the way. */
  nextAcknowledgement(): Promise<void> {
    return new Promise((resolve) => this.ackWaiters.push(resolve));
  }

  private acknowledged(): void {
    this.counts.made += 1;
    const waiters = this.ackWaiters;
    this.ackWaiters = [];
    for (const resolve of waiters) {
      resolve();
    }
  }

  /** Publishes `count` items, spread over the sources, one source after another. */
  async publishMany(sources: readonly PublishSource[], count: number): Promise<void> {
    for (let i = 0; i < count; i += 1) {
      await this.publishOne(sources[i % sources.length]!);
    }
  }

  /** Keeps publishing from every source at once (one item at a time each, `pauseMs` apart) until `stop()`. */
  start(sources: readonly PublishSource[], pauseMs = 100): void {
    this.stopping = false;
    this.running = sources.map(async (source) => {
      while (!this.stopping) {
        await this.publishOne(source);
        await new Promise((resolve) => setTimeout(resolve, pauseMs));
      }
    });
  }

  /** Stops the loops started by `start()` once their current item is done. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.running);
    this.running = [];
  }
}
