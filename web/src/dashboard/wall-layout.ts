import { type RefObject, useEffect, useState } from 'react';

/**
 * Screens the wall fills without scrolling (wall.css uses the same query): there each panel shows
 * what fits it and the list turns its pages. Elsewhere (tablets, phones) the page scrolls and
 * panels show their items one under another.
 */
export const fittedScreen = '(min-width: 1280px) and (min-height: 700px)';

/** Whether the media query matches, following changes. */
export function useMediaQuery(query: string): boolean {
  const [matches, setMatches] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const list = window.matchMedia(query);
    const update = () => setMatches(list.matches);
    update();
    list.addEventListener('change', update);
    return () => list.removeEventListener('change', update);
  }, [query]);
  return matches;
}

/** The reader asked for reduced motion. */
export function useReducedMotion(): boolean {
  return useMediaQuery('(prefers-reduced-motion: reduce)');
}

/** Pixels per rem: the wall scales its root font size with the viewport, and its charts follow. */
export function useRemPx(): number {
  const read = () => Number.parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
  const [rem, setRem] = useState(read);
  useEffect(() => {
    const update = () => setRem(read());
    update();
    window.addEventListener('resize', update);
    return () => window.removeEventListener('resize', update);
  }, []);
  return rem;
}

/**
 * How many rows fit the list element's height: as many as their minimum height allows (rows of a
 * fitted list all have the same, `min-height` in wall.css); Infinity when `fitted` is false (the
 * page scrolls instead). The rows then share the height evenly: the element's `--fit-row` is
 * set to their height, so no gap is left under the last. Until a row can be measured, `guess`.
 */
export function useRowsThatFit(list: RefObject<HTMLElement | null>, fitted: boolean, guess = 6): number {
  const [rows, setRows] = useState(guess);
  useEffect(() => {
    const element = list.current;
    if (!element) {
      return;
    }
    if (!fitted) {
      element.style.removeProperty('--fit-row');
      return;
    }
    const measure = () => {
      const row = element.firstElementChild;
      const rowHeight = row ? Number.parseFloat(getComputedStyle(row).minHeight) || row.getBoundingClientRect().height : 0;
      if (rowHeight > 0) {
        const height = element.getBoundingClientRect().height;
        // A pixel or two of rounding must not cost a row.
        const fit = Math.max(1, Math.floor((height + 2) / rowHeight));
        setRows(fit);
        element.style.setProperty('--fit-row', `${Math.max(rowHeight, Math.floor((height / fit) * 100) / 100)}px`);
      }
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [list, fitted]);
  return fitted ? rows : Number.POSITIVE_INFINITY;
}
