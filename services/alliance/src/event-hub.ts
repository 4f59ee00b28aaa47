import { ErrorCode } from '@hub/contracts';
import { logger } from '@hub/http/log';
import { backgroundFork, executeInBackground, hubError } from '@hub/subgraph-kit';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { AllianceEvent, type AllianceEventRow } from './entities.ts';
import { eventsChannel } from './ingest.ts';

const log = logger('alliance');

type Topic = AllianceEventRow['topic'];

/** Longest wait for a notification before looking at the table anyway (a lost NOTIFY costs this much). */
const fallbackPollMs = 5000;
/** Waits between reads while the database is unreachable: 250 ms doubling up to 5 s. */
const firstRetryMs = 250;
const lastRetryMs = 5000;

/** The waiters' key of streams over every alliance (not an alliance id: those are UUIDs). */
const everyAlliance = '*';

/** The largest value of a PostgreSQL bigint: the highest cursor there can be. */
const maxBigint = 9223372036854775807n;

/** Validates a cursor from a client: the decimal sequence number of an event (a bigint). */
export function isEventCursor(value: string): boolean {
  return /^\d{1,19}$/.test(value) && BigInt(value) <= maxBigint;
}

/**
 * Streams rows of `alliance_event` to subscribers: one LISTEN connection for the process wakes
 * the streams of the alliance named in each notification; each stream reads its table rows
 * after its cursor, in order. Resumable: a stream started with a cursor first replays what
 * came after it. Ingestion commits events in sequence order (ingest.ts), so a stream that has
 * read up to a cursor never sees an earlier one appear later.
 */
export class EventHub {
  private readonly waiters = new Map<string, Set<() => void>>();
  private listener: pg.Client | null = null;
  private reconnect: NodeJS.Timeout | undefined;
  private stopping = false;
  /** Streams being read now (live subscriptions to events), for /metrics. */
  private streams = 0;

  constructor(
    private readonly orm: MikroORM,
    private readonly databaseUrl: string,
  ) {}

  /** How many streams are open and whether the LISTEN connection is up, for /metrics. */
  get figures(): { openStreams: number; listening: boolean } {
    return { openStreams: this.streams, listening: this.listener !== null };
  }

  /** Opens the LISTEN connection. Throws when the database is unreachable. */
  async start(): Promise<void> {
    await this.listen();
  }

  /**
   * (Re)opens the LISTEN connection. If it drops later, it is reopened after a second, and every
   * waiting stream is woken to read what it may have missed meanwhile.
   */
  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.databaseUrl });
    client.on('notification', (message) => this.wake(message.payload ?? ''));
    client.on('error', (error) => {
      if (!this.stopping) {
        log.warn(`event listener lost its connection (${error.message}); reconnecting`);
      }
    });
    client.on('end', () => {
      if (this.listener === client) {
        this.listener = null;
        this.scheduleReconnect();
      }
    });
    try {
      await client.connect();
      await client.query(`listen ${eventsChannel}`);
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
    this.listener = client;
    for (const key of [...this.waiters.keys()]) {
      this.wakeKey(key);
    }
  }

  private scheduleReconnect(): void {
    if (!this.stopping) {
      clearTimeout(this.reconnect);
      this.reconnect = setTimeout(() => this.listen().catch(() => this.scheduleReconnect()), 1000);
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.reconnect);
    for (const key of [...this.waiters.keys()]) {
      this.wakeKey(key);
    }
    const listener = this.listener;
    this.listener = null;
    await listener?.end().catch(() => {});
  }

  /** Wakes the streams of one alliance and those of every alliance (the gateway's feed). */
  private wake(allianceId: string): void {
    this.wakeKey(allianceId);
    this.wakeKey(everyAlliance);
  }

  private wakeKey(key: string): void {
    const set = this.waiters.get(key);
    if (set) {
      this.waiters.delete(key);
      for (const resolve of set) {
        resolve();
      }
    }
  }

  private waitFor(key: string, ms = fallbackPollMs): { promise: Promise<void>; cancel: () => void } {
    let resolve!: () => void;
    const promise = new Promise<void>((done) => {
      resolve = done;
    });
    const timer = setTimeout(() => resolve(), ms);
    const set = this.waiters.get(key) ?? new Set();
    set.add(resolve);
    this.waiters.set(key, set);
    const cancel = () => {
      clearTimeout(timer);
      this.waiters.get(key)?.delete(resolve);
      resolve();
    };
    promise.then(() => clearTimeout(timer));
    return { promise, cancel };
  }

  /**
   * The newest event's cursor: every event up to it is committed and applied to the index, so a
   * view read after this call shows at least that state and may subscribe with `after` = it.
   */
  async currentCursor(requestEm?: EntityManager): Promise<string> {
    const sql = 'select coalesce(max(seq), 0)::text as seq from alliance_event';
    const [row] = requestEm
      ? await requestEm.execute<{ seq: string }[]>(sql)
      : await executeInBackground<{ seq: string }[]>(backgroundFork(this.orm), sql);
    return row?.seq ?? '0';
  }

  /**
   * Refuses a resume cursor this feed cannot honour: older than the pruned events (what
   * followed it is partly gone) or newer than any event (not issued by this feed, e.g. before
   * the database was rebuilt). Either way the client must reload its view: CURSOR_EXPIRED.
   */
  async assertResumable(after: string): Promise<void> {
    const em = backgroundFork(this.orm);
    const [row] = await executeInBackground<{ pruned: string; newest: string }[]>(
      em,
      `select (select pruned_through from event_retention where id = 1)::text as pruned,
              (select coalesce(max(seq), 0) from alliance_event)::text as newest`,
    );
    const cursor = BigInt(after);
    if (cursor < BigInt(row?.pruned ?? '0') || cursor > BigInt(row?.newest ?? '0')) {
      throw hubError(
        ErrorCode.CURSOR_EXPIRED,
        `The cursor ${after} is no longer (or was never) part of this feed; reload the view and subscribe from its liveCursor`,
        {
          cursor: after,
        },
      );
    }
  }

  /**
   * Events of one alliance and topic — or, with `null` for both, of every alliance and topic
   * (the gateway's response cache follows that feed) — after `after` (a cursor from an earlier event or a view's
   * liveCursor), or from now on when `after` is absent. While the database is unreachable the
   * stream waits and reads again; it never ends on its own. The iterator's `return()` releases
   * it at once, even while it waits (graphql-ws calls it when the client leaves). With
   * `partnerId`, the events of that topic that concern one partner, of any alliance (its reminders).
   */
  stream(
    allianceId: string | null,
    topic: Topic | null,
    after?: string | null,
    options: { partnerId?: string } = {},
  ): AsyncIterableIterator<AllianceEventRow> {
    const { partnerId } = options;
    const waitKey = partnerId ?? allianceId ?? everyAlliance;
    const filter = partnerId ? { partnerId, topic } : allianceId === null ? {} : { allianceId, topic };
    let cursor: string | null = after ?? null;
    let buffer: AllianceEventRow[] = [];
    let finished = false;
    let pending: { cancel: () => void } | null = null;
    let retryMs = firstRetryMs;
    this.streams += 1;
    const finish = () => {
      if (!finished) {
        finished = true;
        this.streams -= 1;
      }
    };

    const read = async (): Promise<void> => {
      cursor ??= await this.currentCursor();
      const em = backgroundFork(this.orm);
      buffer = await em.find(AllianceEvent, { ...filter, seq: { $gt: cursor } } as never, {
        orderBy: { seq: 'asc' },
        limit: 200,
      });
    };

    const next = async (): Promise<IteratorResult<AllianceEventRow>> => {
      while (!finished) {
        const head = buffer.shift();
        if (head) {
          cursor = String(head.seq);
          return { value: head, done: false };
        }
        // Listen before reading, so a notification that arrives during the read is not missed.
        const wait = this.waitFor(waitKey);
        pending = wait;
        try {
          await read();
          retryMs = firstRetryMs;
        } catch (error) {
          wait.cancel();
          log.warn(`live stream cannot read events (${(error as Error).message}); retrying in ${retryMs} ms`);
          const pause = this.waitFor(`retry:${waitKey}`, retryMs);
          pending = pause;
          await pause.promise;
          retryMs = Math.min(retryMs * 2, lastRetryMs);
          continue;
        }
        if (buffer.length > 0) {
          wait.cancel();
        } else {
          await wait.promise;
        }
        pending = null;
      }
      return { value: undefined, done: true };
    };

    return {
      next,
      async return() {
        finish();
        pending?.cancel();
        return { value: undefined, done: true };
      },
      async throw(error: unknown) {
        finish();
        pending?.cancel();
        throw error;
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }
}
