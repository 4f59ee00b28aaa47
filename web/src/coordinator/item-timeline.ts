import type { CoordinatedItemQuery } from '../generated/graphql.ts';

type Item = NonNullable<CoordinatedItemQuery['commitment']>;
type Reminder = NonNullable<Item['reminders']>[number];
type Change = Extract<Item, { history: unknown }>['history'][number];
type Report = Extract<Item, { progressReports: unknown }>['progressReports'][number];

/** One entry of an item's full history: a partner's change or progress report, or a reminder, answer or decision. */
export type TimelineEntry =
  | { readonly kind: 'change'; readonly key: string; readonly at: string; readonly actor: string; readonly change: Change }
  | { readonly kind: 'progress'; readonly key: string; readonly at: string; readonly actor: string; readonly report: Report }
  | { readonly kind: 'reminder'; readonly key: string; readonly at: string; readonly actor: string | null; readonly reminder: Reminder }
  | { readonly kind: 'answer'; readonly key: string; readonly at: string; readonly actor: string; readonly reminder: Reminder }
  | { readonly kind: 'decision'; readonly key: string; readonly at: string; readonly actor: string; readonly reminder: Reminder };

/**
 * The merged history of an item, newest first: the partner's recorded changes (old and new
 * values) and progress reports from its own subgraph, and the alliance's reminders with their
 * answers and decisions. Entries at the same instant keep their causal order (a reminder before
 * its answer before its decision; changes as recorded).
 */
export function timelineOf(history: readonly Change[], reports: readonly Report[], reminders: readonly Reminder[]): TimelineEntry[] {
  const entries: TimelineEntry[] = [
    ...history.map((change) => ({ kind: 'change' as const, key: `change:${change.id}`, at: change.at, actor: change.actor, change })),
    ...reports.map((report) => ({
      kind: 'progress' as const,
      key: `progress:${report.id}`,
      at: report.reportedAt,
      actor: report.reportedBy,
      report,
    })),
    ...reminders.flatMap((reminder) => [
      { kind: 'reminder' as const, key: `reminder:${reminder.id}`, at: reminder.sentAt, actor: reminder.sentBy ?? null, reminder },
      ...(reminder.answer
        ? [
            {
              kind: 'answer' as const,
              key: `answer:${reminder.id}`,
              at: reminder.answer.answeredAt,
              actor: reminder.answer.answeredBy,
              reminder,
            },
          ]
        : []),
      ...(reminder.decision
        ? [
            {
              kind: 'decision' as const,
              key: `decision:${reminder.id}`,
              at: reminder.decision.decidedAt,
              actor: reminder.decision.decidedBy,
              reminder,
            },
          ]
        : []),
    ]),
  ];
  // Sort oldest first (stable, so equal instants keep the order above), then show newest first.
  return entries
    .map((entry, index) => ({ entry, index, time: Date.parse(entry.at) }))
    .sort((a, b) => a.time - b.time || a.index - b.index)
    .map(({ entry }) => entry)
    .reverse();
}
