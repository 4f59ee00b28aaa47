import { type RefObject, useEffect, useState } from 'react';

/**
 * Whether the element has come within a screen of the viewport, and stays true once it has. On a
 * wall every panel is on screen at once; on a phone the charts further down the page start (and
 * cost the main thread) only as the reader scrolls towards them.
 */
export function useNearViewport(element: RefObject<HTMLElement | null>): boolean {
  const [near, setNear] = useState(false);
  useEffect(() => {
    const target = element.current;
    if (!target || near) {
      return;
    }
    const watch = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          setNear(true);
        }
      },
      { rootMargin: '100% 0px' },
    );
    watch.observe(target);
    return () => watch.disconnect();
  }, [element, near]);
  return near;
}
