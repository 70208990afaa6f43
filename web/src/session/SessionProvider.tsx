/**
 * Who is signed in, for the whole portal. The session itself is an HttpOnly cookie the page cannot
 * read (api/auth/authenticate.ts): the portal learns who it belongs to from GET /api/me, signs in with
 * POST /api/auth/session and out with DELETE /api/auth/session (which ends it on the server).
 * When any request answers 401 the session is over: the user is sent to the login page with the
 * reason, and back to where they were after signing in again.
 */
import { App } from 'antd';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { type ApiError, api, onSessionLost } from '../api/client';
import type { Me, Role } from '../api/types';

export type SessionState = { status: 'loading' } | { status: 'anonymous'; reason?: string } | { status: 'signed-in'; me: Me };

interface SessionContextValue {
  session: SessionState;
  signIn(username: string, password: string): Promise<Me>;
  signOut(): Promise<void>;
  /** Reloads GET /api/me (the student's 个人中心 summary changes as the signing moves). */
  refresh(): Promise<void>;
}

const SessionContext = createContext<SessionContextValue | undefined>(undefined);

export const HOME_OF: Record<Role, string> = { student: '/student', employer: '/employer', school: '/school' };

async function fetchMe(): Promise<Me> {
  const { data } = await api.GET('/api/me');
  return data as unknown as Me;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionState>({ status: 'loading' });
  const navigate = useNavigate();
  const location = useLocation();
  const { message } = App.useApp();
  // The page to come back to after signing in again, read when a request answers 401.
  const where = useRef(location);
  useEffect(() => {
    where.current = location;
  }, [location]);
  const signedIn = session.status === 'signed-in';

  useEffect(() => {
    fetchMe().then(
      (me) => setSession({ status: 'signed-in', me }),
      () => setSession({ status: 'anonymous' }),
    );
  }, []);

  // A page makes several requests at once: the first 401 ends the session (and the server clears
  // the cookie), the others then answer "not signed in". Only the first one speaks, and in the words
  // of a person's session (the server's messages also address API clients and their Bearer tokens).
  const lost = useRef(false);
  useEffect(() => {
    if (signedIn) lost.current = false;
  }, [signedIn]);
  useEffect(
    () =>
      onSessionLost((error: ApiError) => {
        if (!signedIn || lost.current) return;
        lost.current = true;
        const reason = error.reason === 'SESSION_EXPIRED' ? '登录已过期，请重新登录' : '登录状态已失效，请重新登录';
        setSession({ status: 'anonymous', reason });
        void message.warning(reason);
        const { pathname, search } = where.current;
        void navigate(`/login?next=${encodeURIComponent(pathname + search)}`, { replace: true });
      }),
    [signedIn, message, navigate],
  );

  const signIn = useCallback(async (username: string, password: string) => {
    await api.POST('/api/auth/session', { body: { username, password } });
    const me = await fetchMe();
    setSession({ status: 'signed-in', me });
    return me;
  }, []);

  const signOut = useCallback(async () => {
    await api.DELETE('/api/auth/session').catch(() => undefined);
    setSession({ status: 'anonymous' });
    void navigate('/login', { replace: true });
  }, [navigate]);

  const refresh = useCallback(async () => {
    const me = await fetchMe();
    setSession({ status: 'signed-in', me });
  }, []);

  const value = useMemo(() => ({ session, signIn, signOut, refresh }), [session, signIn, signOut, refresh]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in account (inside a RequireRole route). */
export function useMe(): Me {
  const { session } = useSession();
  if (session.status !== 'signed-in') throw new Error('useMe outside a signed-in route');
  return session.me;
}
