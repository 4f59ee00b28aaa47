import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backoff, retryLater } from './retry.ts';

describe('retrying', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('window', new EventTarget());
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('waits longer after each failed attempt, up to about 15 s', () => {
    expect(backoff(0)).toBeGreaterThanOrEqual(1000);
    expect(backoff(0)).toBeLessThan(1300);
    expect(backoff(3)).toBeGreaterThanOrEqual(8000);
    expect(backoff(10)).toBeLessThan(15_300);
  });

  it('retries after the delay', () => {
    const retry = vi.fn();
    retryLater(5000, retry);
    vi.advanceTimersByTime(4999);
    expect(retry).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(retry).toHaveBeenCalledOnce();
  });

  it('retries at once, and once only, when the browser comes back online', () => {
    const retry = vi.fn();
    retryLater(15_000, retry);
    window.dispatchEvent(new Event('online'));
    expect(retry).toHaveBeenCalledOnce();
    window.dispatchEvent(new Event('online'));
    vi.advanceTimersByTime(15_000);
    expect(retry).toHaveBeenCalledOnce();
  });

  it('does nothing once cancelled', () => {
    const retry = vi.fn();
    const cancel = retryLater(1000, retry);
    cancel();
    window.dispatchEvent(new Event('online'));
    vi.advanceTimersByTime(1000);
    expect(retry).not.toHaveBeenCalled();
  });
});
