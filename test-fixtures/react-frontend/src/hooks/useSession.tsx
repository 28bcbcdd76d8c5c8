import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';
import * as api from '../api/auth';

interface SessionContextValue {
  session: api.SessionInfo;
  logout: () => Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children, initial }: { children: ReactNode; initial: api.SessionInfo }) {
  const [session, setSession] = useState(initial);
  const logout = useCallback(async () => {
    await api.logout();
    sessionStorage.clear();
    setSession({ user: null });
  }, []);
  return <SessionContext.Provider value={{ session, logout }}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
