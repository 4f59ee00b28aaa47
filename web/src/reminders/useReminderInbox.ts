import { useEffect, useState } from 'react';
import { useLocation } from 'react-router';
import { useQuery, useSubscription } from 'urql';
import { asksToReload } from '../api/live-errors.ts';
import { ReminderChangedDocument, ReminderCountDocument, ReminderInboxDocument } from '../generated/graphql.ts';

/**
 * Follows a partner's reminders live from `start` (a read's liveCursor) and calls `refresh`
 * after each change; when the stream cannot be resumed the read is refreshed and the stream
 * starts again from its new cursor. Paused without a partner (the coordinator's views).
 */
function useReminderChanges(partnerId: string | null, cursor: string | null, refresh: () => void) {
  const [start, setStart] = useState<string | null>(null);
  useEffect(() => {
    if (cursor && start === null) {
      setStart(cursor);
    }
  }, [cursor, start]);
  const [live] = useSubscription({
    query: ReminderChangedDocument,
    variables: { partnerId: partnerId ?? '', after: start },
    pause: !partnerId || start === null,
  });
  const changed = live.data?.reminderChanged.cursor;
  useEffect(() => {
    if (changed) {
      refresh();
    }
  }, [changed, refresh]);
  useEffect(() => {
    if (live.error && asksToReload(live.error)) {
      setStart(null);
      refresh();
    }
  }, [live.error, refresh]);
  return live.error;
}

/**
 * The reminders to act on (`reminderInbox`), kept current: a partner editor's follow its
 * partner's reminder stream; the coordinator's are read again when opened and after each decision.
 */
export function useReminderInbox(partnerId: string | null) {
  const [result, reexecute] = useQuery({ query: ReminderInboxDocument, variables: { first: 100 } });
  const refresh = useRefresh(reexecute);
  const liveError = useReminderChanges(partnerId, result.data?.reminderInbox.liveCursor ?? null, refresh);
  return { result, liveError };
}

/**
 * How many reminders await the reader (unread for an editor, awaiting a decision for the
 * coordinator), kept current: live for an editor; for the coordinator (answers come from every
 * partner) read again on each page it opens, and after a change of any reminder it makes.
 */
export function useReminderCount(partnerId: string | null, pause: boolean): number {
  const [result, reexecute] = useQuery({ query: ReminderCountDocument, pause });
  const refresh = useRefresh(reexecute);
  useReminderChanges(pause ? null : partnerId, result.data?.reminderInbox.liveCursor ?? null, refresh);
  const { pathname } = useLocation();
  useEffect(() => {
    if (!pause && !partnerId && pathname) {
      refresh();
    }
  }, [pause, partnerId, pathname, refresh]);
  return result.data?.reminderInbox.unreadCount ?? 0;
}

function useRefresh(reexecute: (options: { requestPolicy: 'network-only' }) => void) {
  const [refresh] = useState(() => () => reexecute({ requestPolicy: 'network-only' }));
  return refresh;
}
