/** One page of the wall's list: the pinned rows (overdue) on top, then some of the rest. */
export interface ListPage<T> {
  readonly pinned: readonly T[];
  readonly rest: readonly T[];
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    result.push(items.slice(start, start + size));
  }
  return result.length > 0 ? result : [[]];
}

/**
 * The list in pages of `rows` rows (Infinity: one page). The pinned items stay on every page
 * while they leave a row for the others; when there are more of them, they take half of each
 * page and turn over too. Every item is on some page; together the pages show each once per
 * turn of the longer group.
 */
export function pagesOf<T>(pinned: readonly T[], rest: readonly T[], rows: number): ListPage<T>[] {
  if (!Number.isFinite(rows)) {
    return [{ pinned, rest }];
  }
  const capacity = Math.max(rest.length > 0 && pinned.length > 0 ? 2 : 1, Math.floor(rows));
  const reserved = rest.length > 0 ? 1 : 0;
  const crowded = rest.length > 0 ? Math.ceil(capacity / 2) : capacity;
  const pinSize = pinned.length <= capacity - reserved ? Math.max(1, pinned.length) : crowded;
  const pinnedPages = chunks(pinned, pinSize);
  const shownPinned = pinnedPages.length === 1 ? pinned.length : pinSize;
  const restPages = chunks(rest, Math.max(1, capacity - shownPinned));
  const count = Math.max(pinnedPages.length, restPages.length);
  return Array.from({ length: count }, (_, index) => ({
    pinned: pinnedPages[index % pinnedPages.length] ?? [],
    rest: restPages[index % restPages.length] ?? [],
  }));
}
