import { type FocusEvent, useCallback, useEffect, useRef, useState } from 'react';

/** After a person last moved, touched or typed, the pages hold this many page times. */
const restPages = 2;

export interface PageTurns {
  /** The page showing, 0-based. */
  readonly page: number;
  /** Stopped by the reader (the stop button), until resumed. */
  readonly stopped: boolean;
  previous(): void;
  next(): void;
  /** Shows page `index` (and holds there a while, as any interaction does). */
  turnTo(index: number): void;
  toggleStopped(): void;
  /** For the element people interact with. */
  readonly holdHandlers: {
    onPointerMove(): void;
    onPointerDown(): void;
    onKeyDown(): void;
    onFocus(event: FocusEvent): void;
    onBlur(event: FocusEvent): void;
  };
}

/**
 * Turns `count` pages one after another, each shown `turnMs`. They hold while a person interacts
 * with the element given `holdHandlers` — pointing (moving), touching, typing, or keyboard focus
 * inside it — and for two page times after; a pointer left resting on it does not hold them for
 * good. The reader may turn them by hand (which holds them as well) or stop them. `count` is at
 * least 1 (a list has one page, maybe empty); `start` gives the first page and whether to stay on it.
 */
export function usePageTurns(count: number, turnMs: number, start: { page?: number; stopped?: boolean } = {}): PageTurns {
  const [turned, setTurned] = useState(start.page ?? 0);
  const [stopped, setStopped] = useState(start.stopped ?? false);
  const [focused, setFocused] = useState(false);
  const [resting, setResting] = useState(false);
  const lastActivity = useRef(0);
  const restMs = restPages * turnMs;
  const page = count > 0 ? turned % count : 0;

  const rest = useCallback(() => {
    lastActivity.current = Date.now();
    setResting(true);
  }, []);

  useEffect(() => {
    if (!resting) {
      return;
    }
    let timer: number | undefined;
    const check = () => {
      const left = lastActivity.current + restMs - Date.now();
      if (left <= 0) {
        setResting(false);
      } else {
        timer = window.setTimeout(check, left);
      }
    };
    check();
    return () => window.clearTimeout(timer);
  }, [resting, restMs]);

  const holding = stopped || focused || resting;
  useEffect(() => {
    if (count <= 1 || holding) {
      return;
    }
    const timer = window.setTimeout(() => setTurned((current) => (current + 1) % count), turnMs);
    return () => window.clearTimeout(timer);
  }, [turned, count, holding, turnMs]);

  const turnTo = (next: number) => {
    setTurned(((next % count) + count) % count);
    rest();
  };
  return {
    page,
    stopped,
    previous: () => turnTo(page - 1),
    next: () => turnTo(page + 1),
    turnTo,
    toggleStopped: () => setStopped((current) => !current),
    holdHandlers: {
      onPointerMove: rest,
      onPointerDown: rest,
      onKeyDown: rest,
      // Keyboard focus holds the pages; a click's focus on a button does not.
      onFocus: (event) => setFocused((event.target as HTMLElement).matches(':focus-visible')),
      onBlur: (event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) {
          setFocused(false);
          rest();
        }
      },
    },
  };
}
