import type { QueryClient } from '@tanstack/react-query';
import { boardMetaQuery, boardQuery } from './board-api';
import { readDealsView } from './deals-location';
import { apiFilterParams, readFilter } from './url-state';

/**
 * The /deals route's prefetch (its loader runs it through `whenSignedIn`): starts the board under
 * the URL's filter, then its meta, while the page's code is still loading, so they need not wait
 * for the first render. The page reads the same queries; should the session have ended, their 401
 * sends the guard to the login page like any other call's.
 */
export function prefetchDeals(queryClient: QueryClient, url: URL): void {
  const params = url.searchParams;
  const { view, pipelineId } = readDealsView(params);
  // The board first: the server answers in turn, and the cards need only the board.
  if (view === 'board') {
    void queryClient.prefetchQuery(boardQuery(pipelineId, apiFilterParams(readFilter(params))));
  }
  void queryClient.prefetchQuery(boardMetaQuery);
}
