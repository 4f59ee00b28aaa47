/** Waits before the next attempt: 1 s, 2 s, 4 s … up to 15 s, with a little jitter. */
export function backoff(attempt: number): number {
  return Math.min(15_000, 1000 * 2 ** attempt) + Math.random() * 300;
}

/**
 * Runs `retry` after `delayMs`, or at once when the browser comes back online: a wall whose
 * network returns must not sit out a long backoff. Returns a function that cancels it.
 */
export function retryLater(delayMs: number, retry: () => void): () => void {
  const now = () => {
    cancel();
    retry();
  };
  const timer = setTimeout(now, delayMs);
  window.addEventListener('online', now);
  function cancel() {
    clearTimeout(timer);
    window.removeEventListener('online', now);
  }
  return cancel;
}
