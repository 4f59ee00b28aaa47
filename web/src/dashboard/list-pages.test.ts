import { describe, expect, it } from 'vitest';
import { pagesOf } from './list-pages.ts';

const range = (prefix: string, count: number) => Array.from({ length: count }, (_, index) => `${prefix}${index + 1}`);
/** Every item the pages show, each once. */
const shown = (pages: { pinned: readonly string[]; rest: readonly string[] }[]) =>
  new Set(pages.flatMap((page) => [...page.pinned, ...page.rest]));

describe('the wall list in pages', () => {
  it('pins the overdue items on every page and turns the rest over in the rows left', () => {
    const pages = pagesOf(range('late', 3), range('item', 12), 8);
    expect(pages).toHaveLength(3);
    expect(pages.every((page) => page.pinned.length === 3 && page.pinned[0] === 'late1')).toBe(true);
    expect(pages.map((page) => page.rest.length)).toEqual([5, 5, 2]);
    expect(shown(pages).size).toBe(15);
  });

  it('shows everything on one page when it fits, or when the page scrolls (Infinity)', () => {
    expect(pagesOf(range('late', 1), range('item', 4), 8)).toEqual([{ pinned: ['late1'], rest: range('item', 4) }]);
    expect(pagesOf(range('late', 2), range('item', 40), Number.POSITIVE_INFINITY)).toHaveLength(1);
    expect(pagesOf([], [], 6)).toEqual([{ pinned: [], rest: [] }]);
  });

  it('turns the overdue items over too when they would leave no room, in half of each page', () => {
    const pages = pagesOf(range('late', 10), range('item', 5), 8);
    expect(pages.every((page) => page.pinned.length + page.rest.length <= 8)).toBe(true);
    expect(pages.every((page) => page.pinned.length > 0 && page.rest.length > 0)).toBe(true);
    expect(shown(pages).size).toBe(15);
  });

  it('gives all rows to the overdue items when there is nothing else', () => {
    const pages = pagesOf(range('late', 10), [], 8);
    expect(pages.map((page) => page.pinned.length)).toEqual([8, 2]);
  });

  it('keeps a row for each group however small the space', () => {
    const pages = pagesOf(range('late', 2), range('item', 3), 1);
    expect(pages.every((page) => page.pinned.length === 1 && page.rest.length === 1)).toBe(true);
    expect(shown(pages).size).toBe(5);
  });
});
