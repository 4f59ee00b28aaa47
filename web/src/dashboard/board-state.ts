import { isOpen, isOverdue } from '../app/commitment-rules.ts';
import type {
  BoardActivityChangedSubscription,
  BoardActivityFragment,
  BoardCommitmentFragment,
  BoardListChangedSubscription,
  BoardStatsChangedSubscription,
  ChangeAction,
} from '../generated/graphql.ts';

export type ListEvent = BoardListChangedSubscription['coBuildingListChanged'];
export type StatsEvent = BoardStatsChangedSubscription['allianceStatsChanged'];
export type ActivityEvent = BoardActivityChangedSubscription['activityChanged'];

/** One line of the live feed (实时动态). */
export interface FeedEntry {
  readonly key: string;
  readonly at: string;
  readonly subject: 'commitment' | 'activity';
  /** The commitment's or activity's id. */
  readonly subjectId: string;
  readonly action: ChangeAction;
  readonly title: string;
  readonly partnerId: string | null;
  /** Received live (not part of the page's first load). */
  readonly live: boolean;
}

/** A change to a list item received live (its feed entry's key, so a second change counts again). */
export interface ListChange {
  readonly key: string;
  readonly commitmentId: string;
}

/** The list items' live changes in the feed, newest first. */
export function listChangesOf(feed: readonly FeedEntry[]): ListChange[] {
  return feed
    .filter((entry) => entry.live && entry.subject === 'commitment')
    .map((entry) => ({ key: entry.key, commitmentId: entry.subjectId }));
}

/** How many events the board keeps in memory. */
export const eventMemory = 200;

/** Live events received for one loaded view, newest first. */
export interface ViewEvents<V, T> {
  readonly view: V;
  readonly events: readonly T[];
}

/**
 * Adds an event to those of `view`, keeping the newest `keep`. Events of an earlier view are
 * dropped: a view read again already shows them, and an old one must not override it.
 */
export function remember<V, T>(view: V, received: ViewEvents<V, T> | undefined, event: T, keep = eventMemory): ViewEvents<V, T> {
  const kept = received?.view === view ? received.events : [];
  return { view, events: [event, ...kept].slice(0, keep) };
}

/** The events received for `view`: none when they belong to an earlier one. */
export function eventsOf<V, T>(view: V, received: ViewEvents<V, T> | undefined): readonly T[] {
  return received?.view === view ? received.events : [];
}

/**
 * The joint list after live changes: each item in its newest known version (the loaded one or
 * the one a change carried, whichever was updated later), new items added.
 */
export function mergeCommitments(loaded: readonly BoardCommitmentFragment[], events: readonly ListEvent[]): BoardCommitmentFragment[] {
  const byId = new Map(loaded.map((item) => [item.id, item]));
  for (const event of [...events].reverse()) {
    const next = event.commitment;
    const known = next ? byId.get(next.id) : undefined;
    if (next && (!known || next.updatedAt >= known.updatedAt)) {
      byId.set(next.id, next);
    }
  }
  return [...byId.values()];
}

/** Activities after live changes, by start time. */
export function mergeActivities(loaded: readonly BoardActivityFragment[], events: readonly ActivityEvent[]): BoardActivityFragment[] {
  const byId = new Map(loaded.map((item) => [item.id, item]));
  for (const event of [...events].reverse()) {
    if (event.activity) {
      byId.set(event.activity.id, event.activity);
    }
  }
  return [...byId.values()].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}

/** Whether an item is on the joint list as the wall counts it: every item but withdrawn ones (as `stats.overall.total`). */
export function onList(item: Pick<BoardCommitmentFragment, 'status'>): boolean {
  return item.status !== 'WITHDRAWN';
}

/** Display order of the wall's list: overdue first, then open items by due date, then done ones. */
export function wallOrder(items: readonly BoardCommitmentFragment[], today: string): BoardCommitmentFragment[] {
  const rank = (item: BoardCommitmentFragment) => (isOverdue(item, today) ? 0 : isOpen(item.status) ? 1 : 2);
  const due = (item: BoardCommitmentFragment) => item.dueDate ?? '9999-12-31';
  return [...items].sort((a, b) => rank(a) - rank(b) || due(a).localeCompare(due(b)) || a.title.localeCompare(b.title));
}

/** The action a loaded item's state stands for, to seed the feed before anything happens live. */
function actionOfStatus(item: BoardCommitmentFragment): ChangeAction {
  switch (item.status) {
    case 'COMPLETED':
      return 'COMPLETED';
    case 'WITHDRAWN':
      return 'WITHDRAWN';
    case 'IN_PROGRESS':
      return 'PROGRESS_REPORTED';
    default:
      return 'PUBLISHED';
  }
}

/** The live feed: changes received live, newest first, topped up with the latest updates of the first load. */
export function feedOf(
  loaded: readonly BoardCommitmentFragment[],
  listEvents: readonly ListEvent[],
  activityEvents: readonly ActivityEvent[],
  size: number,
): FeedEntry[] {
  const live: FeedEntry[] = [
    ...listEvents.map((event) => ({
      key: `c:${event.cursor}`,
      at: event.occurredAt,
      subject: 'commitment' as const,
      subjectId: event.commitmentId,
      action: event.action,
      title: event.commitment?.title ?? event.commitmentId,
      partnerId: event.commitment?.partnerId ?? null,
      live: true,
    })),
    ...activityEvents.map((event) => ({
      key: `a:${event.cursor}`,
      at: event.occurredAt,
      subject: 'activity' as const,
      subjectId: event.activityId,
      action: event.action,
      title: event.activity?.title ?? event.activityId,
      partnerId: event.activity?.hostPartnerId ?? null,
      live: true,
    })),
  ].sort((a, b) => b.at.localeCompare(a.at));
  const seen = new Set(listEvents.map((event) => event.commitmentId));
  const history: FeedEntry[] = [...loaded]
    .filter((item) => !seen.has(item.id))
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
    .map((item) => ({
      key: `h:${item.id}`,
      at: item.updatedAt,
      subject: 'commitment',
      subjectId: item.id,
      action: actionOfStatus(item),
      title: item.title,
      partnerId: item.partnerId,
      live: false,
    }));
  return [...live, ...history].slice(0, size);
}
