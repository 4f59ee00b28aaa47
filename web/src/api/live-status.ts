import type { Client as WsClient } from 'graphql-ws';

/** The state of the live connection: `idle` while nothing is subscribed. */
export type LiveStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting';

export interface LiveStatusStore {
  get(): LiveStatus;
  subscribe(listener: () => void): () => void;
}

/** Follows a graphql-ws client's connection events as a store for `useSyncExternalStore`. */
export function trackLiveStatus(ws: WsClient): LiveStatusStore {
  let status: LiveStatus = 'idle';
  let everConnected = false;
  const listeners = new Set<() => void>();
  const set = (next: LiveStatus) => {
    if (next !== status) {
      status = next;
      for (const listener of listeners) {
        listener();
      }
    }
  };
  ws.on('connecting', () => set(everConnected ? 'reconnecting' : 'connecting'));
  ws.on('connected', () => {
    everConnected = true;
    set('connected');
  });
  ws.on('closed', (event) => {
    // 1000 is the client closing an idle lazy connection; anything else is a loss.
    const normal = typeof event === 'object' && event !== null && (event as { code?: number }).code === 1000;
    set(normal ? 'idle' : 'reconnecting');
  });
  return {
    get: () => status,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
