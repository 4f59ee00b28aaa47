import { useEffect, useRef } from 'react';
import { useQuery } from 'urql';
import { type BoardStatsFragment, WallOverviewDocument } from '../../generated/graphql.ts';

/**
 * What the overview board reads beside the board (the burn-up, members' short names and
 * locations), read again from the network each time the board's statistics change live: the
 * burn-up's last week is always the statistics' figures.
 */
export function useOverview(allianceId: string, stats: BoardStatsFragment) {
  const [result, reexecute] = useQuery({ query: WallOverviewDocument, variables: { allianceId } });
  const seen = useRef(stats);
  useEffect(() => {
    if (seen.current !== stats) {
      seen.current = stats;
      reexecute({ requestPolicy: 'network-only' });
    }
  }, [stats, reexecute]);
  return result;
}
