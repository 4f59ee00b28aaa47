import type { Client as WsClient } from 'graphql-ws';

/** How often the client pings the gateway (graphql-ws `keepAlive`). */
export const pingEveryMs = 10_000;
/** A ping unanswered this long means the connection is dead: a black-holed network sends no FIN. */
export const pongTimeoutMs = 5_000;
/** A socket not acknowledged this long after connecting is given up: a handshake into a dead network hangs for minutes. */
export const connectTimeoutMs = 10_000;

/**
 * Drops a live connection that can no longer be trusted, so that the subscriptions resume on a
 * new one: no pong within `pongTimeoutMs` of a ping (the socket is closed with 4408, as in
 * graphql-ws's keep-alive recipe), no acknowledgement within `connectTimeoutMs`, or the browser
 * going offline. `terminate()` then ends it at once: a dead network never completes the closing
 * handshake, and the browser would report the close only after its own timeout (about a minute
 * in Chromium).
 */
export function guardConnection(ws: WsClient): void {
  let socket: WebSocket | null = null;
  let connectTimer: ReturnType<typeof setTimeout> | undefined;
  let pongTimer: ReturnType<typeof setTimeout> | undefined;

  const drop = () => {
    clearTimeout(connectTimer);
    clearTimeout(pongTimer);
    ws.terminate();
  };
  ws.on('connecting', () => {
    window.addEventListener('offline', drop);
    clearTimeout(connectTimer);
    connectTimer = setTimeout(drop, connectTimeoutMs);
  });
  ws.on('opened', (opened) => {
    socket = opened as WebSocket;
  });
  ws.on('connected', () => clearTimeout(connectTimer));
  ws.on('ping', (received) => {
    if (!received) {
      clearTimeout(pongTimer);
      pongTimer = setTimeout(() => {
        if (socket?.readyState === WebSocket.OPEN) {
          socket.close(4408, 'Request Timeout');
        }
        drop();
      }, pongTimeoutMs);
    }
  });
  ws.on('pong', (received) => {
    if (received) {
      clearTimeout(pongTimer);
    }
  });
  ws.on('closed', () => {
    socket = null;
    clearTimeout(connectTimer);
    clearTimeout(pongTimer);
    window.removeEventListener('offline', drop);
  });
}
