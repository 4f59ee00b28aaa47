import { backgroundFork, executeInBackground } from '@hub/subgraph-kit';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { AllianceEvent, type AllianceEventRow } from './entities.ts';
import { eventsChannel } from './ingest.ts';

type Topic = AllianceEventRow['topic'];

/** Longest wait for a notification before looking at the table anyway (a lost NOTIFY costs this much). */
const fallbackPollMs = 5000;

/**
 * Streams rows of `alliance_event` to subscribers: one LISTEN connection for the process wakes
 * the streams of the alliance named in each notification; each stream reads its table rows
 * after its cursor, in order. Resumable: a stream started with a cursor first replays what
 * came after it.
 */
export class EventHub {
  private readonly waiters = new Map<string, Set<() => void>>();
  private listener: pg.Client | null = null;
  private reconnect: NodeJS.Timeout | undefined;
  private stopping = false;

  constructor(
    private readonly orm: MikroORM,
    private readonly databaseUrl: string,
  ) {}

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
        console.warn(`[alliance] event listener lost its connection (${error.message}); reconnecting`);
      }
    });
    client.on('end', () => {
      if (this.listener === client) {
        this.listener = null;
        this.scheduleReconnect();
      }
    });
    await client.connect();
    await client.query(`listen ${eventsChannel}`);
    this.listener = client;
    for (const allianceId of [...this.waiters.keys()]) {
      this.wake(allianceId);
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
    for (const allianceId of [...this.waiters.keys()]) {
      this.wake(allianceId);
    }
    const listener = this.listener;
    this.listener = null;
    await listener?.end().catch(() => {});
  }

  private wake(allianceId: string): void {
    const set = this.waiters.get(allianceId);
    if (set) {
      this.waiters.delete(allianceId);
      for (const resolve of set) {
        resolve();
      }
    }
  }

  private waitFor(allianceId: string): { promise: Promise<void>; cancel: () => void } {
    let resolve!: () => void;
    const promise = new Promise<void>((done) => {
      resolve = done;
    });
    const timer = setTimeout(() => resolve(), fallbackPollMs);
    const set = this.waiters.get(allianceId) ?? new Set();
    set.add(resolve);
    this.waiters.set(allianceId, set);
    const cancel = () => {
      clearTimeout(timer);
      this.waiters.get(allianceId)?.delete(resolve);
      resolve();
    };
    promise.then(() => clearTimeout(timer));
    return { promise, cancel };
  }

  private async latestSeq(em: EntityManager, allianceId: string, topic: Topic): Promise<string> {
    const [row] = await executeInBackground<{ seq: string | null }[]>(
      em,
      'select max(seq)::text as seq from alliance_event where alliance_id = ? and topic = ?',
      [allianceId, topic],
    );
    return row?.seq ?? '0';
  }

  /**
   * Events of one alliance and topic after `after` (a cursor from an earlier event), or from
   * now on when `after` is absent. The iterator's `return()` releases it at once, even while it
   * waits (graphql-ws calls it when the client leaves).
   */
  stream(allianceId: string, topic: Topic, after?: string | null): AsyncIterableIterator<AllianceEventRow> {
    let cursor: string | null = after ?? null;
    let buffer: AllianceEventRow[] = [];
    let finished = false;
    let pending: { cancel: () => void } | null = null;

    const next = async (): Promise<IteratorResult<AllianceEventRow>> => {
      while (!finished) {
        const head = buffer.shift();
        if (head) {
          return { value: head, done: false };
        }
        // Listen before reading, so a notification that arrives during the read is not missed.
        const wait = this.waitFor(allianceId);
        pending = wait;
        const em = backgroundFork(this.orm);
        cursor ??= await this.latestSeq(em, allianceId, topic);
        buffer = await em.find(AllianceEvent, { allianceId, topic, seq: { $gt: cursor } } as never, {
          orderBy: { seq: 'asc' },
          limit: 200,
        });
        const last = buffer.at(-1);
        if (last) {
          cursor = String(last.seq);
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
        finished = true;
        pending?.cancel();
        return { value: undefined, done: true };
      },
      async throw(error: unknown) {
        finished = true;
        pending?.cancel();
        throw error;
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }
}

/** Validates a cursor from a client: the decimal sequence number of an event. */
export function isEventCursor(value: string): boolean {
  return /^\d{1,19}$/.test(value);
}
