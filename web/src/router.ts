// Hash routing (#/overview, #/backtests/7): the server serves index.html at `/` only, so the
// path after '#' is the whole route and reloading any page needs nothing from the server.

export interface Match<T> {
  route: T;
  params: Record<string, string>;
}

export function current_path(): string {
  return location.hash.replace(/^#\/?/, '').replace(/\/+$/, '');
}

export function go(path: string): void {
  const hash = `#/${path}`;
  if (location.hash === hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = hash;
}

// Patterns are slash-separated; ':name' matches one segment and captures it.
export function match_route<T extends { pattern: string }>(routes: readonly T[], path: string): Match<T> | null {
  const parts = path.split('/');
  for (const route of routes) {
    const pattern = route.pattern.split('/');
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const fits = pattern.every((piece, i) => {
      const part = parts[i] ?? '';
      if (piece.startsWith(':')) {
        params[piece.slice(1)] = decodeURIComponent(part);
        return part !== '';
      }
      return piece === part;
    });
    if (fits) return { route, params };
  }
  return null;
}
