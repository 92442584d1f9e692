import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './api';
import { rememberSignedIn } from './session-hint';

export const sessionKey = ['session'] as const;
export const setupStatusKey = ['setup-status'] as const;

/**
 * A 401 from any call other than the session probe means the session ended (expired, logged out in
 * another tab): forgetting it sends the route guard to the login page.
 */
function forgetSessionOn401(error: unknown, queryKey?: readonly unknown[]): void {
  if (!(error instanceof ApiError) || error.status !== 401) return;
  if (queryKey?.[0] === sessionKey[0]) return;
  queryClient.setQueryData(sessionKey, null);
}

export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: (error, query) => forgetSessionOn401(error, query.queryKey) }),
  mutationCache: new MutationCache({
    onError: (error, _variables, _context, mutation) => {
      // A failed login answers 401 too; that is a wrong password, not an expired session.
      if (mutation.meta?.authAttempt === true) return;
      forgetSessionOn401(error);
    },
  }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (failureCount, error) =>
        !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failureCount < 2,
    },
  },
});

// Every answer about the session (probe, login, logout, a 401 elsewhere) updates the hint.
queryClient.getQueryCache().subscribe((event) => {
  if (
    event.type === 'updated' &&
    event.action.type === 'success' &&
    event.query.queryKey[0] === sessionKey[0]
  ) {
    rememberSignedIn(event.query.state.data != null);
  }
});
