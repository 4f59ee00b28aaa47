import type { ExecutionResult } from 'graphql';
import { describe, expect, it } from 'vitest';
import { type DirectChannel, Subscriber } from './subscriber.ts';

/** A socket that records the frames written to it; `bufferedAmount` and `readyState` are set by the test. */
function recordingSocket() {
  const frames: string[] = [];
  return {
    frames,
    bufferedAmount: 0,
    readyState: 1,
    send(data: string) {
      frames.push(data);
    },
  };
}

const event = (n: number): ExecutionResult => ({ data: { changed: { cursor: String(n) } } });

describe('a subscriber with a direct channel', () => {
  it('writes each event as one graphql-ws next frame around the text serialized once, with its own id', () => {
    const socket = recordingSocket();
    const subscriber = new Subscriber(10, null, () => {}, { socket, id: 'sub-"7"' } satisfies DirectChannel);
    subscriber.push(event(1), '1', JSON.stringify(event(1)));
    subscriber.push(event(2), '2', JSON.stringify(event(2)));
    expect(socket.frames.map((frame) => JSON.parse(frame))).toEqual([
      { id: 'sub-"7"', type: 'next', payload: event(1) },
      { id: 'sub-"7"', type: 'next', payload: event(2) },
    ]);
  });

  it('never sends an event twice or out of order, replays included', () => {
    const socket = recordingSocket();
    const subscriber = new Subscriber(10, '2', () => {}, { socket, id: 'a' });
    for (const n of [1, 2, 3, 3, 2, 4]) {
      subscriber.push(event(n), String(n), JSON.stringify(event(n)));
    }
    expect(socket.frames.map((frame) => JSON.parse(frame).payload.data.changed.cursor)).toEqual(['3', '4']);
  });

  it('tells a client whose socket holds too much unsent to resume from the last event it was sent', async () => {
    const socket = recordingSocket();
    let left = false;
    const subscriber = new Subscriber(
      10,
      null,
      () => {
        left = true;
      },
      { socket, id: 'a' },
    );
    subscriber.push(event(1), '1', JSON.stringify(event(1)));
    socket.bufferedAmount = 5 * 1024 * 1024;
    subscriber.push(event(2), '2', JSON.stringify(event(2)));
    expect(socket.frames).toHaveLength(1);
    expect(left).toBe(true);
    const ending = await subscriber.next();
    expect(ending.value?.errors?.[0]?.extensions).toMatchObject({ code: 'SLOW_CONSUMER', cursor: '1' });
    expect((await subscriber.next()).done).toBe(true);
  });

  it('writes nothing to a socket that is closing, and stops when the client leaves', async () => {
    const socket = recordingSocket();
    const subscriber = new Subscriber(10, null, () => {}, { socket, id: 'a' });
    socket.readyState = 2;
    subscriber.push(event(1), '1', JSON.stringify(event(1)));
    expect(socket.frames).toEqual([]);
    socket.readyState = 1;
    await subscriber.return();
    subscriber.push(event(2), '2', JSON.stringify(event(2)));
    expect(socket.frames).toEqual([]);
  });
});

describe('a subscriber without a direct channel', () => {
  it('queues events for the iterator and ends with SLOW_CONSUMER beyond its capacity', async () => {
    const subscriber = new Subscriber(2, null, () => {});
    for (const n of [1, 2, 3]) {
      subscriber.push(event(n), String(n));
    }
    expect((await subscriber.next()).value).toEqual(event(1));
    expect((await subscriber.next()).value).toEqual(event(2));
    expect((await subscriber.next()).value?.errors?.[0]?.extensions).toMatchObject({ code: 'SLOW_CONSUMER', cursor: '2' });
  });
});
