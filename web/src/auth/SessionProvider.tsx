import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { type DemoUser, demoSignIn, loadSession, type Session, storeSession } from './session.ts';

interface SessionState {
  readonly session: Session | null;
  signIn(user: DemoUser): Promise<Session>;
  signOut(): void;
}

const SessionContext = createContext<SessionState | null>(null);

/** Keeps the signed-in demo identity (in localStorage, so it survives a reload). */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(loadSession);
  const signIn = useCallback(async (user: DemoUser) => {
    const next = await demoSignIn(user);
    storeSession(next);
    setSession(next);
    return next;
  }, []);
  const signOut = useCallback(() => {
    storeSession(null);
    setSession(null);
  }, []);
  const value = useMemo(() => ({ session, signIn, signOut }), [session, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) {
    throw new Error('useSession must be used inside <SessionProvider>');
  }
  return state;
}
