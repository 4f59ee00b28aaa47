/**
 * In-memory fan-out, as a plain graphql-ws server does it: each subscription gets its own
 * iterator with an unbounded queue; `publish` pushes the value to every one of them.
 */
export class Broadcaster<T> {
  private readonly listeners = new Set<(value: T) => void>();

  /** Open iterators. */
  get size(): number {
    return this.listeners.size;
  }

  publish(value: T): void {
    for (const listener of this.listeners) {
      listener(value);
    }
  }

  /** A stream of every value published from now on; `return()` detaches it. */
  listen(): AsyncIterableIterator<T> {
    const queue: T[] = [];
    let waiting: ((result: IteratorResult<T>) => void) | null = null;
    const listener = (value: T) => {
      if (waiting) {
        waiting({ value, done: false });
        waiting = null;
      } else {
        queue.push(value);
      }
    };
    this.listeners.add(listener);
    const stop = (): Promise<IteratorResult<T>> => {
      this.listeners.delete(listener);
      queue.length = 0;
      waiting?.({ value: undefined, done: true });
      waiting = null;
      return Promise.resolve({ value: undefined, done: true });
    };
    return {
      next: () => {
        if (queue.length > 0) {
          return Promise.resolve({ value: queue.shift() as T, done: false });
        }
        if (!this.listeners.has(listener)) {
          return Promise.resolve({ value: undefined, done: true });
        }
        return new Promise((resolve) => {
          waiting = resolve;
        });
      },
      return: stop,
      throw: async (error: unknown) => {
        await stop();
        throw error;
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }
}
