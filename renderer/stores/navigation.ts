import { create } from 'zustand';

/** The console's screens, in sidebar order. */
export const viewIds = [
  'sessions',
  'inspector',
  'keys',
  'policy',
  'timeline',
  'events',
  'sync',
  'demo',
] as const;

export type ViewId = (typeof viewIds)[number];

/**
 * Where the console is: a view, and for the sessions view optionally one session (`#/sessions/<sid>`).
 * Kept in the URL fragment so that reload, back and forward work in the browser and in Electron.
 */
export interface Route {
  readonly view: ViewId;
  /** A session id when the session detail is open. */
  readonly sid?: string;
}

const defaultRoute: Route = { view: 'sessions' };

/** Reads a route from a fragment such as `#/sessions/abc`; anything else is the default view. */
export function parseRoute(hash: string): Route {
  const [view, ...rest] = hash.replace(/^#\/?/, '').split('/');
  if (!(viewIds as readonly string[]).includes(view ?? '')) return defaultRoute;
  const sid = rest.length > 0 ? decodeOrEmpty(rest.join('/')) : '';
  return view === 'sessions' && sid ? { view, sid } : { view: view as ViewId };
}

/** A malformed escape (`%E0`) in a hand-edited link opens the list rather than breaking the console. */
function decodeOrEmpty(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return '';
  }
}

/** The fragment for a route. */
export function routeHash(route: Route): string {
  return route.sid ? `#/${route.view}/${encodeURIComponent(route.sid)}` : `#/${route.view}`;
}

interface NavigationSlice {
  readonly route: Route;
}

export const useNavigation = create<NavigationSlice>(() => ({ route: parseRoute(location.hash) }));

/** Opens a route; the fragment changes, and `hashchange` brings the state along. */
export function navigate(route: Route): void {
  const hash = routeHash(route);
  if (location.hash === hash) return;
  location.hash = hash;
}

window.addEventListener('hashchange', () =>
  useNavigation.setState({ route: parseRoute(location.hash) }),
);
