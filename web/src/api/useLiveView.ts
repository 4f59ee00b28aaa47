import { useCallback, useEffect, useRef, useState } from 'react';
import { type AnyVariables, type CombinedError, type UseQueryArgs, type UseQueryState, useQuery } from 'urql';
import { asksToReload } from './live-errors.ts';
import { backoff, retryLater } from './retry.ts';

export interface LiveView<Data, Variables extends AnyVariables> {
  readonly result: UseQueryState<Data, Variables>;
  /** Where the view's subscriptions start; null while there is no view or it reloads (they pause). */
  readonly after: string | null;
  /** The view is being read again because a subscription could not resume. */
  readonly reloading: boolean;
  /** Reloads the view if one of these (its subscriptions' errors) asks for it; each error once. */
  reloadFor(errors: readonly (CombinedError | undefined)[]): void;
}

/**
 * A view that live subscriptions keep current. Its query asks for the live feed's cursor
 * (`liveCursor`, read before the rest of the response) and its subscriptions start from it, so
 * they deliver every change since the view was read — none is lost to a connection that drops
 * before the first event. When they cannot resume (CURSOR_EXPIRED, SCHEMA_CHANGED) the view is
 * read again and they start over from its new cursor. A view that could not be read for want of
 * a network is read again with backoff, at once when the browser comes back online.
 */
export function useLiveView<Data, Variables extends AnyVariables>(
  args: UseQueryArgs<Variables, Data>,
  cursorOf: (data: Data) => string | null | undefined,
): LiveView<Data, Variables> {
  const [result, reexecute] = useQuery<Data, Variables>({ ...args, requestPolicy: 'network-only' });
  // The response being replaced: the view reloads until another one arrives.
  const [replacing, setReplacing] = useState<Data | null>(null);
  const reloading = replacing !== null && result.data === replacing;
  const handled = useRef(new WeakSet<CombinedError>());
  const shown = result.data;

  const reloadFor = useCallback(
    (errors: readonly (CombinedError | undefined)[]) => {
      const asking = errors.filter(
        (error): error is CombinedError => error !== undefined && asksToReload(error) && !handled.current.has(error),
      );
      if (asking.length === 0 || shown === undefined) {
        return;
      }
      for (const error of asking) {
        handled.current.add(error);
      }
      setReplacing(shown);
      reexecute({ requestPolicy: 'network-only' });
    },
    [shown, reexecute],
  );

  const loaded = result.data !== undefined;
  const unreachable = !loaded && !result.fetching && Boolean(result.error?.networkError);
  const attempts = useRef(0);
  useEffect(() => {
    if (loaded) {
      attempts.current = 0;
    } else if (unreachable) {
      return retryLater(backoff(attempts.current++), () => reexecute({ requestPolicy: 'network-only' }));
    }
  }, [loaded, unreachable, reexecute]);

  return {
    result,
    after: result.data === undefined || reloading ? null : (cursorOf(result.data) ?? null),
    reloading,
    reloadFor,
  };
}
