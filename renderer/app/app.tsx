import { ErrorNotice } from '../components/error-notice';
import { useConnection } from '../stores/connection';
import { routeHash, useNavigation, viewIds } from '../stores/navigation';
import { CommandPalette } from './command-palette';
import { DemoBanner } from './demo-banner';
import { ErrorBoundary } from './error-boundary';
import { StatusBar } from './status-bar';
import { useSearchShortcut } from './use-search-shortcut';
import { renderRoute, viewLabels } from './views';

/** The console's frame: navigation, the current view, the status bar. */
export function App() {
  const bridge = useConnection((state) => state.bridge);
  const issuingRefused = useConnection((state) => state.status?.issuingRefused);
  const route = useNavigation((state) => state.route);
  useSearchShortcut();
  return (
    <div className="app">
      <nav className="sidebar" aria-label="Views">
        <div className="brand">Tessera</div>
        {viewIds.map((view) => (
          <a
            key={view}
            className={view === route.view ? 'nav-item active' : 'nav-item'}
            aria-current={view === route.view ? 'page' : undefined}
            href={routeHash({ view })}
          >
            {viewLabels[view]}
          </a>
        ))}
      </nav>
      <main className="content">
        <DemoBanner />
        {bridge.kind === 'closed' && (
          <ErrorNotice error={{ code: 'ERR_TRANSPORT_CLOSED', message: bridge.reason }} />
        )}
        {issuingRefused && (
          <ErrorNotice error={{ code: 'ERR_TOKENS_UNAVAILABLE', message: issuingRefused }} />
        )}
        {/* Keyed by route: a failed view recovers when the operator goes elsewhere. */}
        <ErrorBoundary key={routeHash(route)} name={viewLabels[route.view]}>
          {renderRoute(route)}
        </ErrorBoundary>
      </main>
      <StatusBar />
      <CommandPalette />
    </div>
  );
}
