import { boardPath, readDealsView } from '../features/deals/deals-location';
import { probablySignedIn } from './session-hint';

// The first screen's GETs, sent before the app's code has run: main.tsx imports this module first
// and it imports only import-free modules (its own chunk, see vite.config.ts), so it runs as soon
// as the scripts are compiled, while the libraries are still being evaluated. apiRequest adopts
// each response by its exact path, once, in the first seconds; a request the app ends up not
// making (a different address after a redirect) costs one unused response.

const ADOPT_WITHIN_MS = 10_000;
const early = new Map<string, Promise<Response>>();

function send(path: string): void {
  const response = fetch(path, {
    headers: { Accept: 'application/json, application/problem+json' },
    credentials: 'same-origin',
  });
  // A response nobody adopts must not fail as an unhandled rejection; the adopter still sees it.
  response.catch(() => undefined);
  early.set(path, response);
}

/** The response of an early GET of exactly `path`, if there is one left to adopt. */
export function takeEarlyResponse(path: string): Promise<Response> | undefined {
  const response = early.get(path);
  early.delete(path);
  return response && performance.now() < ADOPT_WITHIN_MS ? response : undefined;
}

/** Starts the session probe and, for a browser that was signed in, the board the URL shows. */
export function startEarlyRequests(location: Location): void {
  send('/api/app/setup');
  if (location.pathname === '/setup') return;
  send('/api/app/session');
  if (!probablySignedIn()) return;
  const params = new URLSearchParams(location.search);
  const onlyView = [...params.keys()].every((key) => key === 'pipeline' || key === 'view');
  const board = location.pathname === '/' || (location.pathname === '/deals' && onlyView);
  const { view, pipelineId } = readDealsView(params);
  // Filtered boards are left to the route's loader, which builds their parameters.
  if (board && view === 'board') {
    send(boardPath(pipelineId, new URLSearchParams()));
    send('/api/app/board/meta');
  }
}
