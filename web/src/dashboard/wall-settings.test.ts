import { describe, expect, it } from 'vitest';
import { wallSettingsOf } from './wall-settings.ts';

describe("the wall's settings from its address", () => {
  it('turns list pages every 9 s and switches boards every 60 s by default, starting with the list', () => {
    expect(wallSettingsOf(new URLSearchParams(''))).toEqual({ turnMs: 9000, cycleMs: 60_000, board: 'list', cycling: true });
  });

  it('stays on a board the address names, at the pace it asks within bounds', () => {
    expect(wallSettingsOf(new URLSearchParams('board=overview&rotate=2&cycle=1'))).toEqual({
      turnMs: 2000,
      cycleMs: 5000,
      board: 'overview',
      cycling: false,
    });
    expect(wallSettingsOf(new URLSearchParams('board=map&rotate=x')).board).toBe('list');
    expect(wallSettingsOf(new URLSearchParams('rotate=0.2')).turnMs).toBe(1000);
  });
});
