import { createContext, type ReactNode, useContext, useMemo, useSyncExternalStore } from 'react';
import { Provider } from 'urql';
import { useSession } from '../auth/SessionProvider.tsx';
import { type Api, createApi } from './client.ts';
import type { ConnectionStatus } from './live-status.ts';

const ApiContext = createContext<Api | null>(null);

/** One GraphQL client per session: signing in or out starts a fresh client and live connection. */
export function ApiProvider({ children }: { children: ReactNode }) {
  const token = useSession().session?.token ?? null;
  const api = useMemo(() => createApi(token), [token]);
  return (
    <ApiContext.Provider value={api}>
      <Provider value={api.client}>{children}</Provider>
    </ApiContext.Provider>
  );
}

/** The state of the live (graphql-ws) connection, for the dashboard's indicator. */
export function useLiveStatus(): ConnectionStatus {
  const api = useContext(ApiContext);
  if (!api) {
    throw new Error('useLiveStatus must be used inside <ApiProvider>');
  }
  return useSyncExternalStore(api.liveStatus.subscribe, api.liveStatus.get);
}
