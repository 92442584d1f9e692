import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { ApiError } from '../../app/api';
import { applyLanguage } from '../../app/i18n';
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

/** The signed-in session, `null` when nobody is logged in. */
export function useSession() {
  return useQuery({ queryKey: sessionKey, queryFn: loadSession, staleTime: Infinity });
}

/** Whether the first-run setup still has to be done. */
export function useSetupStatus() {
  return useQuery({ queryKey: setupStatusKey, queryFn: fetchSetupStatus, staleTime: Infinity });
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
