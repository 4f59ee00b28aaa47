import { describe, expect, it } from 'vitest';
import type { BoardCommitmentFragment } from '../generated/graphql.ts';
import { eventsOf, type ListEvent, mergeCommitments, remember } from './board-state.ts';

const item = (id: string, progress: number, updatedAt: string) =>
  ({ id, title: id, progress, updatedAt }) as unknown as BoardCommitmentFragment;
const change = (cursor: string, commitment: BoardCommitmentFragment) =>
  ({ cursor, commitmentId: commitment.id, commitment, action: 'PROGRESS_REPORTED', occurredAt: commitment.updatedAt }) as ListEvent;

describe('live changes on a loaded board', () => {
  it('keeps the events of the view they arrived for, newest first', () => {
    const view = { read: 1 };
    const first = remember(view, undefined, 'a');
    expect(eventsOf(view, remember(view, first, 'b'))).toEqual(['b', 'a']);
  });

  it('starts afresh for a view read again: the new read already shows what came before', () => {
    const before = remember({ read: 1 }, undefined, 'a');
    const reread = { read: 2 };
    expect(eventsOf(reread, before)).toEqual([]);
    expect(eventsOf(reread, remember(reread, before, 'b'))).toEqual(['b']);
  });

  it('keeps only as many as asked', () => {
    const view = {};
    expect(eventsOf(view, remember(view, remember(view, undefined, 'old', 1), 'new', 1))).toEqual(['new']);
  });

  it('applies a change the view already shows harmlessly, and never goes back to an older version', () => {
    const loaded = [item('x', 50, '2026-05-02T00:00:00Z')];
    expect(mergeCommitments(loaded, [change('7', item('x', 50, '2026-05-02T00:00:00Z'))])).toEqual(loaded);
    expect(mergeCommitments(loaded, [change('6', item('x', 20, '2026-05-01T00:00:00Z'))])).toEqual(loaded);
    expect(mergeCommitments(loaded, [change('8', item('x', 80, '2026-05-03T00:00:00Z'))])[0]?.progress).toBe(80);
  });
});
