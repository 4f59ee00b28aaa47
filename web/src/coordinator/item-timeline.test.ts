import { describe, expect, it } from 'vitest';
import { timelineOf } from './item-timeline.ts';

const change = (id: string, at: string, field = 'status') => ({ id, at, actor: '张伟', field, oldValue: 'DRAFT', newValue: 'PUBLISHED' });
const report = (id: string, reportedAt: string) => ({ id, percent: 50, text: '过半', reportedAt, reportedBy: '张伟' });
const reminder = (id: string, sentAt: string, answeredAt?: string, decidedAt?: string) =>
  ({
    id,
    sentAt,
    sentBy: null,
    answer: answeredAt ? { explanation: '说明', proposedDueDate: null, answeredAt, answeredBy: '张伟' } : null,
    decision: decidedAt ? { accepted: true, note: null, decidedAt, decidedBy: '周主任' } : null,
  }) as never;

describe('an item’s merged history', () => {
  it('puts the partner’s changes and reports and the alliance’s reminders, answers and decisions in one order, newest first', () => {
    const entries = timelineOf(
      [change('c1', '2026-06-01T08:00:00Z'), change('c2', '2026-06-05T08:00:00Z', 'dueDate')],
      [report('p1', '2026-06-03T08:00:00Z')],
      [reminder('r1', '2026-06-02T08:00:00Z', '2026-06-04T08:00:00Z', '2026-06-06T08:00:00Z')],
    );
    expect(entries.map((entry) => entry.key)).toEqual(['decision:r1', 'change:c2', 'answer:r1', 'progress:p1', 'reminder:r1', 'change:c1']);
  });

  it('keeps the causal order of entries recorded at the same instant', () => {
    const at = '2026-06-01T08:00:00.000Z';
    const entries = timelineOf([change('c1', at), change('c2', at, 'progress')], [], [reminder('r1', at, at, at)]);
    expect(entries.map((entry) => entry.key)).toEqual(['decision:r1', 'answer:r1', 'reminder:r1', 'change:c2', 'change:c1']);
  });

  it('leaves out what has not happened: an open reminder has no answer or decision', () => {
    const entries = timelineOf([], [], [reminder('r1', '2026-06-01T08:00:00Z')]);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ kind: 'reminder', actor: null });
    expect(timelineOf([], [], [])).toEqual([]);
  });
});
