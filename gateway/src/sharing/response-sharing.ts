import type { CapturedResponse } from '@hub/http';

/** The scope of an answer that may show any alliance (e.g. the list of alliances): every event drops it. */
export const everyAlliance = '*';

export interface SharingOptions {
  /** Keep answers for later requests; off: only requests in flight at the same time share one execution. */
  readonly cache: boolean;
  /** Bytes of kept answers; the least recently used go first beyond it. */
  readonly maxBytes: number;
  /**
   * The longest an answer is kept. Every change announced on the alliances' event feed drops the
   * answers it affects at once; this bounds writes that are not announced there (a branch's
   * secretary edited through another gateway).
   */
  readonly maxAgeMs: number;
}

/** How a request was answered: from a kept answer, by joining an identical one in flight, or by running. */
export type SharingOutcome = 'hit' | 'joined' | 'executed';

interface Kept {
  readonly response: CapturedResponse;
  readonly scope: readonly string[];
  readonly bytes: number;
  readonly keptAt: number;
}

interface Running {
  readonly response: Promise<CapturedResponse>;
  readonly scope: readonly string[];
}

/** The versions of an answer's scope when its execution started: it is kept only if they still hold. */
interface Snapshot {
  readonly epoch: number;
  readonly versions: readonly number[];
}

/**
 * Shares the answers of identical read operations (same document, variables and visibility —
 * the caller builds the key): requests arriving while one is running wait for it instead of
 * running again, and, with the cache on, a finished answer is kept until an event of an alliance
 * in its scope arrives. An answer is kept only when it is a complete success, the event feed
 * is followed (so drops cannot be missed), and no event of its scope arrived while it ran.
 */
export class ResponseSharing {
  private readonly kept = new Map<string, Kept>();
  private readonly running = new Map<string, Running>();
  /** Alliance id (or `everyAlliance`) → how many events have dropped its answers. */
  private readonly versions = new Map<string, number>();
  /** Bumped when everything is dropped (a write, the feed lost): answers started before are not kept. */
  private epoch = 0;
  private bytes = 0;
  private feedFollowed = false;
  readonly counters = { hits: 0, joined: 0, executed: 0, kept: 0, dropped: 0 };

  constructor(private readonly options: SharingOptions) {}

  /**
   * Answers a request: from a kept answer, by joining the identical one running, or by running
   * `execute`. `cacheable` says whether the answer may be kept (published data only).
   */
  async answer(
    key: string,
    scope: readonly string[],
    cacheable: boolean,
    execute: () => Promise<CapturedResponse>,
  ): Promise<{ response: CapturedResponse; outcome: SharingOutcome }> {
    const kept = cacheable ? this.fresh(key) : undefined;
    if (kept) {
      this.counters.hits += 1;
      return { response: kept.response, outcome: 'hit' };
    }
    const running = this.running.get(key);
    if (running) {
      this.counters.joined += 1;
      return { response: await running.response, outcome: 'joined' };
    }
    const snapshot = this.snapshot(scope);
    const record: Running = { response: execute(), scope };
    this.running.set(key, record);
    this.counters.executed += 1;
    try {
      const response = await record.response;
      if (cacheable && this.keepable(response) && this.unchangedSince(scope, snapshot)) {
        this.keep(key, scope, response);
      }
      return { response, outcome: 'executed' };
    } finally {
      if (this.running.get(key) === record) {
        this.running.delete(key);
      }
    }
  }

  /** An event of `allianceId` arrived: its answers and those scoped to every alliance are dropped. */
  changed(allianceId: string): void {
    for (const tag of [allianceId, everyAlliance]) {
      this.versions.set(tag, (this.versions.get(tag) ?? 0) + 1);
    }
    const affected = (scope: readonly string[]) => scope.includes(allianceId) || scope.includes(everyAlliance);
    for (const [key, running] of this.running) {
      if (affected(running.scope)) {
        this.running.delete(key); // later requests run afresh; those waiting get what they joined
      }
    }
    for (const [key, kept] of this.kept) {
      if (affected(kept.scope)) {
        this.drop(key, kept);
      }
    }
  }

  /** Drops everything (a write went through this gateway). */
  changedAll(): void {
    this.epoch += 1;
    this.running.clear();
    for (const [key, kept] of this.kept) {
      this.drop(key, kept);
    }
  }

  /** Whether the alliances' event feed is followed: only then can answers be kept. Losing it drops them all. */
  setFeedFollowed(followed: boolean): void {
    this.changedAll();
    this.feedFollowed = followed;
  }

  get keptBytes(): number {
    return this.bytes;
  }

  get keptAnswers(): number {
    return this.kept.size;
  }

  private fresh(key: string): Kept | undefined {
    const kept = this.kept.get(key);
    if (!kept) {
      return undefined;
    }
    if (Date.now() - kept.keptAt > this.options.maxAgeMs) {
      this.drop(key, kept);
      return undefined;
    }
    // Most recently used last: eviction takes from the front.
    this.kept.delete(key);
    this.kept.set(key, kept);
    return kept;
  }

  private keepable(response: CapturedResponse): boolean {
    return (
      this.options.cache &&
      this.feedFollowed &&
      response.status === 200 &&
      !response.body.includes('"errors":') &&
      response.body.length <= this.options.maxBytes / 4
    );
  }

  private snapshot(scope: readonly string[]): Snapshot {
    return { epoch: this.epoch, versions: scope.map((tag) => this.versions.get(tag) ?? 0) };
  }

  private unchangedSince(scope: readonly string[], snapshot: Snapshot): boolean {
    return snapshot.epoch === this.epoch && scope.every((tag, i) => (this.versions.get(tag) ?? 0) === snapshot.versions[i]);
  }

  private keep(key: string, scope: readonly string[], response: CapturedResponse): void {
    const previous = this.kept.get(key);
    if (previous) {
      this.drop(key, previous);
    }
    // The key is a string (UTF-16 in memory: two bytes a character); the body is bytes.
    const bytes = response.body.length + key.length * 2;
    this.kept.set(key, { response, scope, bytes, keptAt: Date.now() });
    this.bytes += bytes;
    this.counters.kept += 1;
    for (const [oldest, entry] of this.kept) {
      if (this.bytes <= this.options.maxBytes) {
        break;
      }
      this.drop(oldest, entry);
    }
  }

  private drop(key: string, kept: Kept): void {
    this.kept.delete(key);
    this.bytes -= kept.bytes;
    this.counters.dropped += 1;
  }
}
