/** The wall's two boards: the joint list with its figures, and W2's overview. */
export const boardNames = ['list', 'overview'] as const;
export type BoardName = (typeof boardNames)[number];

export interface WallSettings {
  /** How long a page of the list shows. */
  readonly turnMs: number;
  /** How long a board shows before the other, while switching by itself. */
  readonly cycleMs: number;
  /** The board to show first. */
  readonly board: BoardName;
  /** Whether the boards switch by themselves (not when the address names a board). */
  readonly cycling: boolean;
}

/** Seconds from the address, within bounds; the default when absent or not a number. */
function seconds(value: string | null, fallback: number, min: number, max: number): number {
  const parsed = value === null ? Number.NaN : Number(value);
  return (Number.isFinite(parsed) ? Math.min(max, Math.max(min, parsed)) : fallback) * 1000;
}

/**
 * The wall's settings from its address, so a screen can be set up by its link:
 * `?board=list|overview` shows that board and stays on it; `?rotate=9` turns the list's pages
 * every 9 seconds (the default); `?cycle=60` switches boards every 60 seconds (the default).
 */
export function wallSettingsOf(search: URLSearchParams): WallSettings {
  const named = boardNames.find((board) => board === search.get('board'));
  return {
    turnMs: seconds(search.get('rotate'), 9, 1, 120),
    cycleMs: seconds(search.get('cycle'), 60, 5, 3600),
    board: named ?? 'list',
    cycling: named === undefined,
  };
}
