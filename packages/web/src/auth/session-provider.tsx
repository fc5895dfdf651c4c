import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ApiError } from '../api/api-error';
import { api, setCsrfToken, setOnUnauthorized } from '../api/client';
import type { Me } from './roles';

export type Session = { status: 'loading' } | { status: 'signedOut' } | { status: 'signedIn'; me: Me };

interface SessionState {
  session: Session;
  /** Throws ApiError (wrong password, locked, …) with the server's text in the current language. */
  signIn(username: string, password: string): Promise<Me>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionState | undefined>(undefined);

/** Who is signed in, from GET /api/auth/me at start; keeps the API client's CSRF token in step. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session>({ status: 'loading' });

  const signedIn = useCallback((me: Me) => {
    setCsrfToken(me.csrfToken);
    setSession({ status: 'signedIn', me });
  }, []);
  const signedOut = useCallback(() => {
    setCsrfToken(undefined);
    setSession({ status: 'signedOut' });
  }, []);

  useEffect(() => {
    setOnUnauthorized(signedOut);
    let live = true;
    api.get<Me>('/api/auth/me').then(
      (me) => live && signedIn(me),
      (error: unknown) => {
        if (!live) return;
        // 401 is the ordinary "not signed in"; anything else is still no session, but worth a log line.
        if (!(error instanceof ApiError && error.status === 401)) console.warn('GET /api/auth/me', error);
        signedOut();
      },
    );
    return () => {
      live = false;
      setOnUnauthorized(undefined);
    };
  }, [signedIn, signedOut]);

  const value = useMemo<SessionState>(
    () => ({
      session,
      signIn: async (username, password) => {
        const me = await api.post<Me>('/api/auth/login', { username, password });
        signedIn(me);
        return me;
      },
      signOut: async () => {
        try {
          await api.post('/api/auth/logout');
        } finally {
          signedOut();
        }
      },
    }),
    [session, signedIn, signedOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (state === undefined) throw new Error('useSession needs a SessionProvider above it');
  return state;
}

/** The signed-in account; only for pages behind RequireSession. */
export function useMe(): Me {
  const { session } = useSession();
  if (session.status !== 'signedIn') throw new Error('useMe outside a signed-in route');
  return session.me;
}
