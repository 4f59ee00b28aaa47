import type { CombinedError } from '@urql/core';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef } from 'react';
import { useQuery } from 'urql';
import { backoff, retryLater } from '../api/retry.ts';
import { PartnerKindsDocument } from '../generated/graphql.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { kindName, type PartnerKinds, partnerKindsOf } from './partner-kinds.ts';

export interface PartnerKindsState {
  /** Null until the API answered. */
  readonly kinds: PartnerKinds | null;
  readonly fetching: boolean;
  readonly error: CombinedError | undefined;
}

const PartnerKindsContext = createContext<PartnerKindsState | null>(null);

/**
 * Reads the partner kinds (`partnerKinds`) once per client; urql keeps the answer. A new kind
 * is known from the next page load, with no new build of the app. When the network was down
 * the read is tried again with backoff, at once when the browser comes back online.
 */
export function PartnerKindsProvider({ children }: { children: ReactNode }) {
  const [result, reexecute] = useQuery({ query: PartnerKindsDocument, requestPolicy: 'cache-first' });
  const list = result.data?.partnerKinds;
  const kinds = useMemo(() => (list ? partnerKindsOf(list) : null), [list]);
  const unreachable = !list && !result.fetching && Boolean(result.error?.networkError);
  const attempts = useRef(0);
  useEffect(() => {
    if (unreachable) {
      return retryLater(backoff(attempts.current++), () => reexecute({ requestPolicy: 'network-only' }));
    }
  }, [unreachable, reexecute]);
  const state = useMemo(() => ({ kinds, fetching: result.fetching, error: result.error }), [kinds, result.fetching, result.error]);
  return <PartnerKindsContext.Provider value={state}>{children}</PartnerKindsContext.Provider>;
}

export function usePartnerKinds(): PartnerKindsState {
  const state = useContext(PartnerKindsContext);
  if (!state) {
    throw new Error('usePartnerKinds must be used inside <PartnerKindsProvider>');
  }
  return state;
}

/** A kind's name in the reader's language (its value while the kinds are not known). */
export function useKindName(): (kind: string) => string {
  const { kinds } = usePartnerKinds();
  const { lang } = useI18n();
  return useCallback((kind: string) => kindName(kinds, kind, lang), [kinds, lang]);
}
