import type { Client as WsClient } from 'graphql-ws';

/** What the live connection is doing: `idle` while nothing is subscribed. */
export type ConnectionStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'offline';
/** What a live view's indicator shows: its connection's status, or `reloading` while the view reloads. */
export type LiveStatus = ConnectionStatus | 'reloading';

/** The socket as its events tell it. */
export interface SocketState {
  readonly phase: 'idle' | 'connecting' | 'connected' | 'lost';
  /** A socket of this client was acknowledged before: a new attempt is a reconnection. */
  readonly everConnected: boolean;
}

export type SocketEvent = 'connecting' | 'connected' | 'closed' | 'lost';

export const initialSocket: SocketState = { phase: 'idle', everConnected: false };

/** The socket after one of its events (`closed`: closed normally, `lost`: anything else). */
export function nextSocket(state: SocketState, event: SocketEvent): SocketState {
  switch (event) {
    case 'connected':
      return { phase: 'connected', everConnected: true };
    case 'closed':
      return { ...state, phase: 'idle' };
    default:
      return { ...state, phase: event };
  }
}

/**
 * The status to show. An acknowledged socket is connected whatever the browser says (the
 * socket is dropped when the browser goes offline); otherwise an offline browser is offline,
 * a first attempt is connecting and any later one reconnecting.
 */
export function statusOf(socket: SocketState, online: boolean): ConnectionStatus {
  if (socket.phase === 'connected') {
    return 'connected';
  }
  if (!online) {
    return 'offline';
  }
  if (socket.phase === 'idle') {
    return 'idle';
  }
  return socket.everConnected ? 'reconnecting' : 'connecting';
}

export interface LiveStatusStore {
  get(): ConnectionStatus;
  subscribe(listener: () => void): () => void;
}

/**
 * Follows a graphql-ws client's connection events and the browser's online/offline events as a
 * store for `useSyncExternalStore`.
 */
export function trackLiveStatus(ws: WsClient): LiveStatusStore {
  let socket = initialSocket;
  const listeners = new Set<() => void>();
  const on = (event: SocketEvent) => {
    socket = nextSocket(socket, event);
    for (const listener of listeners) {
      listener();
    }
  };
  ws.on('connecting', () => on('connecting'));
  ws.on('connected', () => on('connected'));
  ws.on('closed', (event) => {
    // 1000 is the client closing an idle lazy connection; anything else is a loss.
    const normal = typeof event === 'object' && event !== null && (event as { code?: number }).code === 1000;
    on(normal ? 'closed' : 'lost');
  });
  return {
    get: () => statusOf(socket, navigator.onLine),
    subscribe(listener) {
      listeners.add(listener);
      window.addEventListener('online', listener);
      window.addEventListener('offline', listener);
      return () => {
        listeners.delete(listener);
        window.removeEventListener('online', listener);
        window.removeEventListener('offline', listener);
      };
    },
  };
}
