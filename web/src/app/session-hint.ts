// The session cookie is HttpOnly, so the page cannot see whether it has one. This flag remembers
// whether the session probe found one last time; it only decides whether a route may start its
// requests before the probe answers (a stale flag costs one 401), never what the user may see.
const KEY = 'voronka.signed-in';

export function probablySignedIn(): boolean {
  try {
    return localStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

export function rememberSignedIn(signedIn: boolean): void {
  try {
    if (signedIn) localStorage.setItem(KEY, '1');
    else localStorage.removeItem(KEY);
  } catch {
    // Storage disabled: routes wait for the session probe.
  }
}
