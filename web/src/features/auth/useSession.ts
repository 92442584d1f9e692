import { queryOptions, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { ApiError } from '../../app/api';
import { applyLanguage } from '../../app/i18n';
import { probablySignedIn } from '../../app/session-hint';
import { sessionKey, setupStatusKey } from '../../app/query-client';
import { fetchSession, fetchSetupStatus, type Session } from './session';

async function loadSession(): Promise<Session | null> {
  try {
    const session = await fetchSession();
    // Switch before the first render with the session, so the shell never flashes in the wrong language.
    await applyLanguage(session.user.lang);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

const sessionQuery = queryOptions({ queryKey: sessionKey, queryFn: loadSession, staleTime: Infinity });
const setupStatusQuery = queryOptions({
  queryKey: setupStatusKey,
  queryFn: fetchSetupStatus,
  staleTime: Infinity,
});

/**
 * Starts the session and setup probes (route loader of the app area), so they run while the
 * page's code loads instead of after the guard first renders. Returns at once.
 */
export function prefetchSession(queryClient: QueryClient): null {
  void queryClient.prefetchQuery(setupStatusQuery);
  void queryClient.prefetchQuery(sessionQuery);
  return null;
}

/**
 * Runs `start` (a route's prefetch) alongside the session probe when this browser was signed in
 * last time, else once the probe found a session: a logged-out visitor sends no request bound to
 * answer 401. Returns at once, as a route loader that only warms the cache.
 */
export function whenSignedIn(queryClient: QueryClient, start: () => void): null {
  if (probablySignedIn()) {
    start();
    return null;
  }
  queryClient
    .fetchQuery(sessionQuery)
    .then((session) => {
      if (session) start();
    })
    .catch(() => undefined);
  return null;
}

/** The signed-in session, `null` when nobody is logged in. */
export function useSession() {
  return useQuery(sessionQuery);
}

/** Whether the first-run setup still has to be done. */
export function useSetupStatus() {
  return useQuery(setupStatusQuery);
}

/** The session inside the guarded shell, where it is known to exist. */
export function useCurrentSession(): Session {
  const { data } = useSession();
  if (!data) throw new Error('useCurrentSession used outside the logged-in area');
  return data;
}

/** Stores a session the server just returned (setup, login, profile change) and adopts its language. */
export function useAdoptSession() {
  const queryClient = useQueryClient();
  return useCallback(
    async (session: Session) => {
      await applyLanguage(session.user.lang);
      queryClient.setQueryData(setupStatusKey, { required: false });
      queryClient.setQueryData(sessionKey, session);
    },
    [queryClient],
  );
}
