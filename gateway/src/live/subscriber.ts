import { ErrorCode } from '@hub/contracts';
import { type ExecutionResult, GraphQLError } from 'graphql';

/** Compares two event cursors (decimal sequence numbers of any length). */
export function cursorAfter(cursor: string, than: string | null): boolean {
  return than === null || BigInt(cursor) > BigInt(than);
}

/** Bytes a client's socket may hold unsent before the client counts as falling behind. */
const maxBufferedBytes = 4 * 1024 * 1024;

/**
 * The client's socket and subscription id, for sending events as ready-made frames: the group
 * serializes each event once, and each client's frame is that text with its own id around it
 * (graphql-ws would copy and serialize the event again for every client).
 */
export interface DirectChannel {
  readonly socket: { send(data: string): void; readonly bufferedAmount: number; readonly readyState: number };
  readonly id: string;
}

/**
 * One client's view of a shared live stream: a bounded queue between the shared producer and
 * the client's socket. It passes on only events after the last cursor the client has, so a
 * replay that overlaps what it received never repeats an event. When the client falls
 * `capacity` events behind, the stream ends with a SLOW_CONSUMER error naming the last cursor
 * it received, so it can resubscribe with `after` and lose nothing. `return()` (the client
 * left) detaches it at once.
 */
export class Subscriber implements AsyncIterableIterator<ExecutionResult> {
  private readonly queue: ExecutionResult[] = [];
  private waiting: ((result: IteratorResult<ExecutionResult>) => void) | null = null;
  private finished = false;

  private readonly framePrefix: string | null;

  constructor(
    private readonly capacity: number,
    /** The last cursor the client has (its `after`); null: it takes what comes from now on. */
    private lastCursor: string | null,
    private readonly onLeave: (subscriber: Subscriber) => void,
    private readonly direct: DirectChannel | null = null,
  ) {
    this.framePrefix = direct ? `{"id":${JSON.stringify(direct.id)},"type":"next","payload":` : null;
  }

  /**
   * Passes on one event (with its cursor, and its serialized text for a direct channel) unless
   * the client has it already; ends the stream when the client has fallen too far behind.
   */
  push(result: ExecutionResult, cursor: string, serialized?: string): void {
    if (this.finished || !cursorAfter(cursor, this.lastCursor)) {
      return;
    }
    const socket = this.direct?.socket;
    if (socket && serialized !== undefined && this.queue.length === 0) {
      if (socket.bufferedAmount > maxBufferedBytes) {
        this.fellBehind(`more than ${maxBufferedBytes} bytes of events are waiting to be sent to it`);
        return;
      }
      this.lastCursor = cursor;
      if (socket.readyState === 1) {
        socket.send(`${this.framePrefix}${serialized}}`);
      }
      return;
    }
    if (this.queue.length >= this.capacity) {
      this.fellBehind(`it fell more than ${this.capacity} events behind`);
      return;
    }
    this.lastCursor = cursor;
    this.deliver(result);
  }

  private fellBehind(how: string): void {
    this.fail([
      new GraphQLError(`The client is too slow: ${how}; resubscribe with after: "${this.lastCursor ?? ''}"`, {
        extensions: { code: ErrorCode.SLOW_CONSUMER, cursor: this.lastCursor },
      }),
    ]);
  }

  /** Ends the stream with errors the client can read (then it completes). */
  fail(errors: readonly GraphQLError[]): void {
    if (this.finished) {
      return;
    }
    this.deliver({ errors });
    this.finished = true;
    this.onLeave(this);
  }

  /** Ends the stream normally (server shutdown). */
  end(): void {
    this.finished = true;
    this.onLeave(this);
    this.waiting?.({ value: undefined, done: true });
    this.waiting = null;
  }

  private deliver(result: ExecutionResult): void {
    if (this.waiting) {
      this.waiting({ value: result, done: false });
      this.waiting = null;
    } else {
      this.queue.push(result);
    }
  }

  next(): Promise<IteratorResult<ExecutionResult>> {
    const head = this.queue.shift();
    if (head) {
      return Promise.resolve({ value: head, done: false });
    }
    if (this.finished) {
      return Promise.resolve({ value: undefined, done: true });
    }
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  return(): Promise<IteratorResult<ExecutionResult>> {
    this.queue.length = 0;
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<ExecutionResult> {
    return this;
  }
}
