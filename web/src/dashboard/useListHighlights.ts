import { useEffect, useRef, useState } from 'react';
import type { ListChange } from './board-state.ts';

/** How long a changed row stays lit once it shows. */
export const litMs = 4000;

export interface ListHighlights {
  /** Items whose rows are lit now. */
  readonly lit: ReadonlySet<string>;
  /** Items changed live whose rows have not shown since (on another page). */
  readonly waiting: number;
}

/**
 * Which rows of the list to light for the changes received live: a changed item's row is lit
 * for a few seconds as soon as it shows — at once when it is on the page showing, else when its
 * page comes round (meanwhile it counts as waiting). Changes present when the list first shows
 * are old news and light nothing. The page is never turned for a change.
 */
export function useListHighlights(
  changes: readonly ListChange[],
  shownIds: readonly string[],
  onListIds: readonly string[],
): ListHighlights {
  const seen = useRef<Set<string> | null>(null);
  const [waiting, setWaiting] = useState<ReadonlySet<string>>(new Set());
  const [lit, setLit] = useState<ReadonlyMap<string, number>>(new Map());

  useEffect(() => {
    if (seen.current === null) {
      seen.current = new Set(changes.map((change) => change.key));
      return;
    }
    const known = seen.current;
    const fresh = changes.filter((change) => !known.has(change.key));
    if (fresh.length > 0) {
      for (const change of fresh) {
        known.add(change.key);
      }
      setWaiting((current) => new Set([...current, ...fresh.map((change) => change.commitmentId)]));
    }
  }, [changes]);

  const shownKey = shownIds.join(' ');
  const onListKey = onListIds.join(' ');
  useEffect(() => {
    if (waiting.size === 0) {
      return;
    }
    const shown = new Set(shownKey.split(' '));
    const onList = new Set(onListKey.split(' '));
    const showing = [...waiting].filter((id) => shown.has(id));
    const gone = [...waiting].filter((id) => !onList.has(id));
    if (showing.length === 0 && gone.length === 0) {
      return;
    }
    const until = Date.now() + litMs;
    setLit((current) => new Map([...current, ...showing.map((id) => [id, until] as const)]));
    setWaiting((current) => new Set([...current].filter((id) => !showing.includes(id) && !gone.includes(id))));
  }, [waiting, shownKey, onListKey]);

  useEffect(() => {
    if (lit.size === 0) {
      return;
    }
    const next = Math.min(...lit.values());
    const timer = window.setTimeout(
      () => setLit((current) => new Map([...current].filter(([, until]) => until > Date.now()))),
      Math.max(0, next - Date.now()) + 20,
    );
    return () => window.clearTimeout(timer);
  }, [lit]);

  return { lit: new Set(lit.keys()), waiting: waiting.size };
}
