import { describe, expect, it } from 'vitest';
import { initialSocket, nextSocket, type SocketEvent, type SocketState, statusOf } from './live-status.ts';

function after(...events: SocketEvent[]): SocketState {
  return events.reduce(nextSocket, initialSocket);
}

describe('the live connection’s status', () => {
  it('is idle until something subscribes, then connecting, then connected', () => {
    expect(statusOf(after(), true)).toBe('idle');
    expect(statusOf(after('connecting'), true)).toBe('connecting');
    expect(statusOf(after('connecting', 'connected'), true)).toBe('connected');
  });

  it('is reconnecting once a connected socket is lost, and while it tries again', () => {
    expect(statusOf(after('connecting', 'connected', 'lost'), true)).toBe('reconnecting');
    expect(statusOf(after('connecting', 'connected', 'lost', 'connecting'), true)).toBe('reconnecting');
    expect(statusOf(after('connecting', 'connected', 'lost', 'connecting', 'connected'), true)).toBe('connected');
  });

  it('is still connecting when a first attempt fails', () => {
    expect(statusOf(after('connecting', 'lost'), true)).toBe('connecting');
  });

  it('is idle again when the client closes its last subscription’s socket', () => {
    expect(statusOf(after('connecting', 'connected', 'closed'), true)).toBe('idle');
  });

  it('is offline whenever the browser is and no socket is acknowledged', () => {
    expect(statusOf(after(), false)).toBe('offline');
    expect(statusOf(after('connecting', 'connected', 'lost'), false)).toBe('offline');
    expect(statusOf(after('connecting', 'connected', 'lost', 'connecting'), false)).toBe('offline');
  });

  it('believes an acknowledged socket over the browser’s offline flag', () => {
    expect(statusOf(after('connecting', 'connected'), false)).toBe('connected');
  });
});
