import type { Client as WsClient } from 'graphql-ws';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectTimeoutMs, guardConnection, pongTimeoutMs } from './keep-alive.ts';

/** A graphql-ws client reduced to its events, with a socket that records how it was closed. */
function fakeClient() {
  const listeners = new Map<string, ((...args: unknown[]) => void)[]>();
  const socket = {
    readyState: 1,
    closedWith: null as number | null,
    close(code: number) {
      socket.closedWith = code;
    },
  };
  let terminated = 0;
  const emit = (event: string, ...args: unknown[]) => {
    for (const listener of listeners.get(event) ?? []) {
      listener(...args);
    }
  };
  const client = {
    on: (event: string, listener: (...args: unknown[]) => void) => {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return () => {};
    },
    terminate: () => {
      terminated += 1;
      emit('closed', { code: 4499 });
    },
  };
  guardConnection(client as unknown as WsClient);
  const connect = () => {
    emit('connecting', false);
    emit('opened', socket);
    emit('connected', socket, undefined, false);
  };
  return { emit, connect, socket, terminated: () => terminated };
}

describe('guarding the live connection', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('window', new EventTarget());
    vi.stubGlobal('WebSocket', { OPEN: 1 });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('closes the socket with 4408 and drops it when a ping gets no pong in time', () => {
    const ws = fakeClient();
    ws.connect();
    ws.emit('ping', false);
    vi.advanceTimersByTime(pongTimeoutMs - 1);
    expect(ws.terminated()).toBe(0);
    vi.advanceTimersByTime(1);
    expect(ws.socket.closedWith).toBe(4408);
    expect(ws.terminated()).toBe(1);
  });

  it('keeps a socket whose pongs come back', () => {
    const ws = fakeClient();
    ws.connect();
    for (let i = 0; i < 5; i += 1) {
      ws.emit('ping', false);
      vi.advanceTimersByTime(pongTimeoutMs - 1);
      ws.emit('pong', true);
    }
    vi.advanceTimersByTime(connectTimeoutMs * 2);
    expect(ws.terminated()).toBe(0);
  });

  it('answers the server’s pings without counting them as its own', () => {
    const ws = fakeClient();
    ws.connect();
    ws.emit('ping', true);
    ws.emit('pong', false);
    vi.advanceTimersByTime(pongTimeoutMs * 2);
    expect(ws.terminated()).toBe(0);
  });

  it('gives up a connection not acknowledged in time', () => {
    const ws = fakeClient();
    ws.emit('connecting', false);
    vi.advanceTimersByTime(connectTimeoutMs);
    expect(ws.terminated()).toBe(1);
  });

  it('drops the socket at once when the browser goes offline, and only while there is one', () => {
    const ws = fakeClient();
    ws.connect();
    window.dispatchEvent(new Event('offline'));
    expect(ws.terminated()).toBe(1);
    window.dispatchEvent(new Event('offline'));
    expect(ws.terminated()).toBe(1);
  });

  it('forgets a late pong timer once the socket closed, so it cannot drop the next one', () => {
    const ws = fakeClient();
    ws.connect();
    ws.emit('ping', false);
    ws.emit('closed', { code: 1006 });
    ws.connect();
    vi.advanceTimersByTime(pongTimeoutMs);
    expect(ws.terminated()).toBe(0);
  });
});
