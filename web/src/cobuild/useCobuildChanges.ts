import { useEffect, useRef, useState } from 'react';
import { useSubscription } from 'urql';
import { asksToReload } from '../api/live-errors.ts';
import { CobuildChangedDocument, type CobuildChangeRowFragment } from '../generated/graphql.ts';

/**
 * Follows an alliance's 三张清单 live (`cobuildChanged`) from `cursor` (a read's liveCursor) and
 * calls `refresh` after each change. When the stream cannot be resumed (CURSOR_EXPIRED,
 * SCHEMA_CHANGED) the read is refreshed and the stream starts again from the refreshed read's
 * cursor. Returns the changes received, newest first.
 */
export function useCobuildChanges(allianceId: string, cursor: string | null | undefined, refresh: () => void) {
  const [start, setStart] = useState<{ allianceId: string; after: string } | null>(null);
  // The cursor the stream could not resume from: it waits for another one.
  const [expired, setExpired] = useState<string | null>(null);
  const handled = useRef(new WeakSet<object>());
  useEffect(() => {
    if (cursor && cursor !== expired && (start === null || start.allianceId !== allianceId)) {
      setStart({ allianceId, after: cursor });
    }
  }, [allianceId, cursor, start, expired]);
  const following = start?.allianceId === allianceId ? start : null;
  const [live] = useSubscription(
    { query: CobuildChangedDocument, variables: { allianceId, after: following?.after ?? null }, pause: following === null },
    (received: CobuildChangeRowFragment[] = [], data) => [data.cobuildChanged, ...received].slice(0, 20),
  );
  const latest = live.data?.[0]?.id;
  useEffect(() => {
    if (latest) {
      refresh();
    }
  }, [latest, refresh]);
  useEffect(() => {
    if (live.error && asksToReload(live.error) && !handled.current.has(live.error)) {
      handled.current.add(live.error);
      setExpired(start?.after ?? null);
      setStart(null);
      refresh();
    }
  }, [live.error, start, refresh]);
  return { changes: following ? (live.data ?? []) : [], error: live.error };
}
