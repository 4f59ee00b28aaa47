import type { CombinedError } from '@urql/core';
import { useMemo } from 'react';
import { useQuery, useSubscription } from 'urql';
import {
  BoardActivityChangedDocument,
  type BoardActivityFragment,
  type BoardCommitmentFragment,
  BoardListChangedDocument,
  BoardStatsChangedDocument,
  type BoardStatsFragment,
  DashboardDocument,
  type DashboardQuery,
} from '../generated/graphql.ts';
import { type ActivityEvent, type FeedEntry, feedOf, type ListEvent, mergeActivities, mergeCommitments, remember } from './board-state.ts';

/** Items of the joint list the wall loads (it shows how many more there are). */
const listSize = 100;
/** How far back the wall looks for recent activities. */
const activitiesLookBackMs = 90 * 24 * 3600 * 1000;

type LoadedAlliance = NonNullable<DashboardQuery['alliance']>;

export interface Board {
  readonly alliance: Pick<LoadedAlliance, 'id' | 'name' | 'coordinatorName' | 'foundedOn'>;
  readonly members: LoadedAlliance['members'];
  readonly partnerName: (partnerId: string | null | undefined) => string;
  readonly commitments: BoardCommitmentFragment[];
  readonly totalCount: number;
  readonly stats: BoardStatsFragment;
  readonly activities: BoardActivityFragment[];
  readonly feed: FeedEntry[];
  /** When stats last changed live, if they did. */
  readonly statsUpdatedAt: string | null;
}

export interface BoardState {
  readonly board: Board | null;
  readonly fetching: boolean;
  readonly error: CombinedError | undefined;
  /** The alliance does not exist. */
  readonly missing: boolean;
}

/**
 * The wall's data for one alliance: loaded once, then kept current by the three live
 * subscriptions (list changes, statistics, activities) — no reloads, no polling.
 */
export function useBoard(allianceId: string): BoardState {
  const activitiesFrom = useMemo(() => new Date(Date.now() - activitiesLookBackMs).toISOString(), []);
  const [loaded] = useQuery({
    query: DashboardDocument,
    variables: { allianceId, listSize, activitiesFrom },
    requestPolicy: 'network-only',
  });
  const live = { allianceId };
  const [list] = useSubscription({ query: BoardListChangedDocument, variables: live }, (events: ListEvent[] | undefined, data) =>
    remember(events, data.coBuildingListChanged),
  );
  const [stats] = useSubscription({ query: BoardStatsChangedDocument, variables: live });
  const [activities] = useSubscription(
    { query: BoardActivityChangedDocument, variables: live },
    (events: ActivityEvent[] | undefined, data) => remember(events, data.activityChanged),
  );

  const alliance = loaded.data?.alliance;
  const board = useMemo<Board | null>(() => {
    if (!alliance) {
      return null;
    }
    const loadedItems = alliance.coBuildingList.edges.flatMap((edge) => (edge.node ? [edge.node] : []));
    const listEvents = list.data ?? [];
    const commitments = mergeCommitments(loadedItems, listEvents);
    const names = new Map(alliance.members.map((member) => [member.partnerId, member.name]));
    const liveStats = stats.data?.allianceStatsChanged;
    return {
      alliance,
      members: alliance.members,
      partnerName: (partnerId) => (partnerId ? (names.get(partnerId) ?? partnerId) : '—'),
      commitments,
      // All of the list is loaded unless it filled the page; then the server's count stands.
      totalCount: loadedItems.length < listSize ? commitments.length : alliance.coBuildingList.totalCount,
      stats: liveStats?.stats ?? alliance.stats,
      activities: mergeActivities(alliance.activities, activities.data ?? []),
      feed: feedOf(loadedItems, listEvents, activities.data ?? [], 30),
      statsUpdatedAt: liveStats?.occurredAt ?? null,
    };
  }, [alliance, list.data, stats.data, activities.data]);

  return {
    board,
    fetching: loaded.fetching,
    error: loaded.error ?? list.error ?? stats.error ?? activities.error,
    missing: Boolean(loaded.data && !loaded.data.alliance),
  };
}
