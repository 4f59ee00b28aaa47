import type { CombinedError } from '@urql/core';
import { useEffect, useMemo } from 'react';
import { useSubscription } from 'urql';
import { useLiveView } from '../api/useLiveView.ts';
import {
  BoardActivityChangedDocument,
  type BoardActivityFragment,
  type BoardCommitmentFragment,
  BoardListChangedDocument,
  BoardListDocument,
  type BoardListQuery,
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
  onList,
  remember,
  type StatsEvent,
  type ViewEvents,
} from './board-state.ts';

/** Items of the joint list the wall loads (it shows how many more there are). */
const listSize = 100;
/** How far back the wall looks for recent activities. */
const activitiesLookBackMs = 90 * 24 * 3600 * 1000;

type LoadedAlliance = NonNullable<DashboardQuery['alliance']>;
type LoadedList = BoardListQuery | undefined;
/** Live events tagged with the load they apply to. */
type Received<V, T> = ViewEvents<V, T>;

export interface Board {
  readonly alliance: Pick<LoadedAlliance, 'id' | 'name' | 'coordinatorName' | 'foundedOn'>;
  readonly members: LoadedAlliance['members'];
  /** A partner's full name as registered with the alliance. */
  readonly partnerName: (partnerId: string | null | undefined) => string;
  /** Its short name (简称) where its subgraph has one, else the full name: for tight spaces. */
  readonly partnerShortName: (partnerId: string | null | undefined) => string;
  /** The items on the list: every item but withdrawn ones, as `stats.overall.total` counts them. */
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

/** Names by partner id: the full one, and the short one where there is one. */
function namesOf(members: LoadedAlliance['members']) {
  const full = new Map(members.map((member) => [member.partnerId, member.name]));
  const short = new Map(members.map((member) => [member.partnerId, member.partner?.shortName || member.name]));
  const lookUp = (names: Map<string, string>) => (partnerId: string | null | undefined) =>
    partnerId ? (names.get(partnerId) ?? partnerId) : '—';
  return { partnerName: lookUp(full), partnerShortName: lookUp(short) };
}

/**
 * The wall's data for one alliance as two views read side by side: the alliance with its members,
 * figures and activities (at once), and the joint list (as soon as the partner kinds are known,
 * for each kind's place field). Each view is kept current by its live subscriptions, which start
 * from that view's own liveCursor — no polling — and is read again only when its changes cannot
 * be replayed.
 */
export function useBoard(allianceId: string, kinds: PartnerKinds | null): BoardState {
  const activitiesFrom = useMemo(() => new Date(Date.now() - activitiesLookBackMs).toISOString(), []);
  const view = useLiveView({ query: DashboardDocument, variables: { allianceId, activitiesFrom } }, (data) => data.alliance?.liveCursor);
  const places = placeFieldsOf(kinds?.list ?? []);
  const listView = useLiveView(
    { query: withKindFields(BoardListDocument, 'BoardCommitment', places), variables: { allianceId, listSize }, pause: kinds === null },
    (data) => data.alliance?.liveCursor,
  );
  const loaded = view.result.data;
  const loadedList: LoadedList = listView.result.data;
  const live = { variables: { allianceId, after: view.after }, pause: view.after === null };
  const [list] = useSubscription(
    {
      query: withKindFields(BoardListChangedDocument, 'BoardCommitment', places),
      variables: { allianceId, after: listView.after },
      pause: listView.after === null,
    },
    (received: Received<LoadedList, ListEvent> | undefined, data) => remember(loadedList, received, data.coBuildingListChanged),
  );
  const [stats] = useSubscription(
    { query: BoardStatsChangedDocument, ...live },
    (received: Received<DashboardQuery | undefined, StatsEvent> | undefined, data) =>
      remember(loaded, received, data.allianceStatsChanged, 1),
  );
  const [activities] = useSubscription(
    { query: BoardActivityChangedDocument, ...live },
    (received: Received<DashboardQuery | undefined, ActivityEvent> | undefined, data) => remember(loaded, received, data.activityChanged),
  );
  const { reloadFor } = view;
  const { reloadFor: reloadListFor } = listView;
  useEffect(() => reloadFor([stats.error, activities.error]), [reloadFor, stats.error, activities.error]);
  useEffect(() => reloadListFor([list.error]), [reloadListFor, list.error]);

  const board = useMemo<Board | null>(() => {
    const alliance = loaded?.alliance;
    const joint = loadedList?.alliance?.coBuildingList;
    if (!alliance || !joint) {
      return null;
    }
    const loadedItems = joint.edges.flatMap((edge) => (edge.node ? [edge.node] : []));
    const listEvents = eventsOf(loadedList, list.data);
    const activityEvents = eventsOf(loaded, activities.data);
    const liveStats = eventsOf(loaded, stats.data)[0];
    const commitments = mergeCommitments(loadedItems, listEvents).filter(onList);
    return {
      alliance,
      members: alliance.members,
      ...namesOf(alliance.members),
      commitments,
      // All of the list is loaded unless it filled the page; then the server's count stands.
      totalCount: loadedItems.length < listSize ? commitments.length : joint.totalCount,
      stats: liveStats?.stats ?? alliance.stats,
      activities: mergeActivities(alliance.activities, activityEvents),
      feed: feedOf(loadedItems, listEvents, activityEvents, 30),
      statsUpdatedAt: liveStats?.occurredAt ?? null,
      reloading: view.reloading || listView.reloading,
    };
  }, [loaded, loadedList, list.data, stats.data, activities.data, view.reloading, listView.reloading]);

  return {
    board,
    fetching: view.result.fetching || listView.result.fetching,
    error: view.result.error ?? listView.result.error ?? list.error ?? stats.error ?? activities.error,
    missing: Boolean(loaded && !loaded.alliance),
  };
}
