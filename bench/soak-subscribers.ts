import { postGraphql } from './graphql-http.ts';
import { cursorOf, resumableListQuery } from './live-query.ts';
import { benchClient } from './subscribers.ts';

/** A cursor a view received a second time (or below one it had): on which of its connections, and how that one started. */
export interface Repeat {
  readonly cursor: number;
  /** The view's connection that received it first (-1: never, it came out of order). */
  readonly firstConnection: number;
  readonly againConnection: number;
  /** The `after` the repeating connection subscribed with. */
  readonly againAfter: number;
}

/** One dashboard's view of an alliance's joint list: every cursor it received, over all its connections. */
export class ListView {
  /** Cursors received, each above the one before (repeats are left out and recorded). */
  readonly received: number[] = [];
  /** For each received cursor, the connection it came on. */
  private readonly receivedOn: number[] = [];
  /** Per connection, in order: the `after` it subscribed with. */
  readonly connections: number[] = [];
  /** Cursors not above the last one received: duplicates, or events out of order. */
  readonly repeated: Repeat[] = [];

  constructor(
    readonly allianceId: string,
    /** Stays connected the whole run. */
    readonly core: boolean,
    /** `Alliance.liveCursor` when the view was opened: it expects every event after it. */
    readonly startCursor: number,
  ) {}

  /** Where it resumes from: the last cursor received, or where it started. */
  get last(): number {
    return this.received.at(-1) ?? this.startCursor;
  }

  /** Notes a new connection subscribing after `last`; returns its number. */
  connect(): number {
    this.connections.push(this.last);
    return this.connections.length - 1;
  }

  note(cursor: number, connection: number): void {
    if (cursor > this.last) {
      this.received.push(cursor);
      this.receivedOn.push(connection);
      return;
    }
    // Received cursors are increasing: find where this one was (binary search).
    let low = 0;
    let high = this.received.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.received[middle] as number) < cursor) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    const firstConnection = this.received[low] === cursor ? (this.receivedOn[low] as number) : -1;
    this.repeated.push({ cursor, firstConnection, againConnection: connection, againAfter: this.connections[connection] as number });
  }
}

/** Cumulative counts over all subscribers. */
export interface SubscriberCounters {
  /** Connections acknowledged by the gateway. */
  connects: number;
  /** Views opened from `Alliance.liveCursor` (new dashboards), the initial ones included. */
  freshViews: number;
  /** Why streams ended other than by the subscriber leaving: error code, close code, `completed`. */
  endings: Record<string, number>;
  /** Results without a cursor (an event the server could not complete). */
  resultsWithoutCursor: number;
  /** Events that arrived on a connection after its subscriber had left it (ignored, as a dashboard would). */
  eventsAfterLeaving: number;
  /** Failed `liveCursor` queries (retried). */
  cursorQueryErrors: number;
}

export interface SubscriberPoolSettings {
  /** The gateway's GraphQL URL (HTTP; the socket is the same URL with ws:). */
  readonly gatewayUrl: string;
  readonly token: string;
  /** Alliances the subscribers watch, spread evenly. */
  readonly allianceIds: readonly string[];
  /** How long a connection lives, uniformly in [min, max] ms; null: until the pool stops. */
  readonly lifetimeMs: readonly [number, number] | null;
  /** Chance, of a subscriber leaving, of being replaced by a new view rather than resuming (0–1). */
  readonly freshChance: number;
  readonly counters: SubscriberCounters;
  /** Every view opened, for the final check. */
  readonly views: ListView[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const uniform = (min: number, max: number) => min + Math.random() * (max - min);

const cursorQuery = /* GraphQL */ `query SoakCursor($id: ID!) { alliance(id: $id) { liveCursor } }`;

function endingOf(error: unknown): string {
  if (Array.isArray(error)) {
    return String((error[0] as { extensions?: { code?: unknown } } | undefined)?.extensions?.code ?? 'NO_CODE');
  }
  const code = (error as { code?: unknown } | null)?.code;
  return code === undefined ? `error: ${error instanceof Error ? error.message : String(error)}` : `close ${code}`;
}

/**
 * Live subscribers that come and go: each slot holds one graphql-ws connection subscribed to
 * `coBuildingListChanged(allianceId, after)` for its lifetime (or until the server ends the
 * stream), then disposes it and, after a short pause, connects again resuming from its view's
 * last cursor — or, by `freshChance`, as a new dashboard whose view starts at `Alliance.liveCursor`.
 */
export class SubscriberPool {
  private running = true;
  /** Ends the live connections (each resolves its slot's wait). */
  private readonly enders = new Set<(ending?: string) => void>();
  private readonly slots: Promise<void>[] = [];

  constructor(private readonly settings: SubscriberPoolSettings) {}

  /** Opens `count` subscribers, `batch` at a time, each batch once connected; they then run until `stop()`. */
  async start(count: number, batch: number): Promise<void> {
    for (let from = 0; from < count; from += batch) {
      const ready = Array.from({ length: Math.min(batch, count - from) }, (_, i) => {
        const allianceId = this.settings.allianceIds[(from + i) % this.settings.allianceIds.length] as string;
        return new Promise<void>((connected) => this.slots.push(this.runSlot(allianceId, connected)));
      });
      await Promise.all(ready);
    }
  }

  /** Ends every connection and waits until each slot has stopped. */
  async stop(): Promise<void> {
    this.running = false;
    for (const end of this.enders) {
      end();
    }
    await Promise.all(this.slots);
  }

  private async openView(allianceId: string): Promise<ListView | null> {
    const { counters, gatewayUrl, token, lifetimeMs } = this.settings;
    while (this.running) {
      try {
        const data = await postGraphql(gatewayUrl, token, cursorQuery, { id: allianceId });
        const view = new ListView(allianceId, lifetimeMs === null, Number(data.alliance.liveCursor));
        this.settings.views.push(view);
        counters.freshViews += 1;
        return view;
      } catch {
        counters.cursorQueryErrors += 1;
        await sleep(1000);
      }
    }
    return null;
  }

  private async runSlot(allianceId: string, connected: () => void): Promise<void> {
    let view = await this.openView(allianceId);
    while (this.running && view) {
      const lifetime = this.settings.lifetimeMs;
      await this.connect(view, lifetime ? uniform(lifetime[0], lifetime[1]) : null, connected);
      // Also when this slot never connected: the pool's start must not wait for it forever.
      connected();
      if (!this.running) {
        break;
      }
      await sleep(uniform(100, 500));
      if (Math.random() < this.settings.freshChance) {
        view = await this.openView(allianceId);
      }
    }
  }

  /** One connection: subscribes after the view's last cursor; resolves when it has ended and been disposed. */
  private connect(view: ListView, lifetimeMs: number | null, connected: () => void): Promise<void> {
    const { counters } = this.settings;
    return new Promise((resolve) => {
      let ended = false;
      let timer: NodeJS.Timeout | undefined;
      const end = (ending?: string) => {
        if (ended) {
          return;
        }
        ended = true;
        clearTimeout(timer);
        this.enders.delete(end);
        if (ending) {
          counters.endings[ending] = (counters.endings[ending] ?? 0) + 1;
        }
        Promise.resolve(client.dispose()).then(resolve, resolve);
      };
      const client = benchClient(this.settings.gatewayUrl.replace(/^http/, 'ws'), this.settings.token, {
        connected: () => {
          counters.connects += 1;
          connected();
        },
        closed: (event) => end(endingOf(event)),
      });
      this.enders.add(end);
      const connection = view.connect();
      client.subscribe(
        { query: resumableListQuery, variables: { allianceId: view.allianceId, after: String(view.connections[connection]) } },
        {
          next: (result) => {
            const cursor = cursorOf(result);
            if (ended) {
              counters.eventsAfterLeaving += 1;
            } else if (cursor === undefined) {
              counters.resultsWithoutCursor += 1;
            } else {
              view.note(cursor, connection);
            }
          },
          error: (error) => end(endingOf(error)),
          complete: () => end('completed'),
        },
      );
      if (lifetimeMs !== null) {
        timer = setTimeout(() => end(), lifetimeMs);
      }
    });
  }
}
