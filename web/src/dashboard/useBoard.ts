import type { CombinedError } from '@urql/core';
import { useEffect, useMemo } from 'react';
import { useSubscription } from 'urql';
import { useLiveView } from '../api/useLiveView.ts';
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
import { placeFieldsOf, withKindFields } from '../kinds/kind-selections.ts';
import type { PartnerKinds } from '../kinds/partner-kinds.ts';
import {
  type ActivityEvent,
  eventsOf,
  type FeedEntry,
  feedOf,
  type ListEvent,
  mergeActivities,
  mergeCommitments,
  remember,
  type StatsEvent,
  type ViewEvents,
} from './board-state.ts';

/** Items of the joint list the wall loads (it shows how many more there are). */
const listSize = 100;
/** How far back the wall looks for recent activities. */
const activitiesLookBackMs = 90 * 24 * 3600 * 1000;

type LoadedAlliance = NonNullable<DashboardQuery['alliance']>;
/** Live events tagged with the load they apply to. */
type Received<T> = ViewEvents<DashboardQuery | undefined, T>;

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
  /** The board is being read again: its live changes could not be resumed. */
  readonly reloading: boolean;
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
 * subscriptions (list changes, statistics, activities), which start from the load's
 * liveCursor — no polling. Reloaded only when the changes since cannot be replayed. The items
 * (loaded and live) carry each kind's place field.
 */
export function useBoard(allianceId: string, kinds: PartnerKinds): BoardState {
  const activitiesFrom = useMemo(() => new Date(Date.now() - activitiesLookBackMs).toISOString(), []);
  const places = placeFieldsOf(kinds.list);
  const view = useLiveView(
    { query: withKindFields(DashboardDocument, 'BoardCommitment', places), variables: { allianceId, listSize, activitiesFrom } },
    (data) => data.alliance?.liveCursor,
  );
  const loaded = view.result.data;
  const live = { variables: { allianceId, after: view.after }, pause: view.after === null };
  const [list] = useSubscription(
    { query: withKindFields(BoardListChangedDocument, 'BoardCommitment', places), ...live },
    (received: Received<ListEvent> | undefined, data) => remember(loaded, received, data.coBuildingListChanged),
  );
  const [stats] = useSubscription({ query: BoardStatsChangedDocument, ...live }, (received: Received<StatsEvent> | undefined, data) =>
    remember(loaded, received, data.allianceStatsChanged, 1),
  );
  const [activities] = useSubscription(
    { query: BoardActivityChangedDocument, ...live },
    (received: Received<ActivityEvent> | undefined, data) => remember(loaded, received, data.activityChanged),
  );
  const { reloadFor } = view;
  useEffect(() => reloadFor([list.error, stats.error, activities.error]), [reloadFor, list.error, stats.error, activities.error]);

  const board = useMemo<Board | null>(() => {
    const alliance = loaded?.alliance;
    if (!alliance) {
      return null;
    }
    const loadedItems = alliance.coBuildingList.edges.flatMap((edge) => (edge.node ? [edge.node] : []));
    const listEvents = eventsOf(loaded, list.data);
    const activityEvents = eventsOf(loaded, activities.data);
    const liveStats = eventsOf(loaded, stats.data)[0];
    const commitments = mergeCommitments(loadedItems, listEvents);
    const names = new Map(alliance.members.map((member) => [member.partnerId, member.name]));
    return {
      alliance,
      members: alliance.members,
      partnerName: (partnerId) => (partnerId ? (names.get(partnerId) ?? partnerId) : '—'),
      commitments,
      // All of the list is loaded unless it filled the page; then the server's count stands.
      totalCount: loadedItems.length < listSize ? commitments.length : alliance.coBuildingList.totalCount,
      stats: liveStats?.stats ?? alliance.stats,
      activities: mergeActivities(alliance.activities, activityEvents),
      feed: feedOf(loadedItems, listEvents, activityEvents, 30),
      statsUpdatedAt: liveStats?.occurredAt ?? null,
      reloading: view.reloading,
    };
  }, [loaded, list.data, stats.data, activities.data, view.reloading]);

  return {
    board,
    fetching: view.result.fetching,
    error: view.result.error ?? list.error ?? stats.error ?? activities.error,
    missing: Boolean(loaded && !loaded.alliance),
  };
}
