import { ErrorNotice } from '../components/error-notice';
import { useConnection } from '../stores/connection';
import { InspectorView } from '../views/inspector/inspector-view';
import { ErrorBoundary } from './error-boundary';
import { StatusBar } from './status-bar';

/** The console's frame: navigation, the current view, the status bar. */
export function App() {
  const bridge = useConnection((state) => state.bridge);
  const issuingRefused = useConnection((state) => state.status?.issuingRefused);
  return (
    <div className="app">
      <nav className="sidebar" aria-label="Views">
        <div className="brand">Tessera</div>
        <a className="nav-item active" aria-current="page" href="#inspector">
          Inspector
        </a>
      </nav>
      <main className="content">
        {bridge.kind === 'closed' && (
          <ErrorNotice error={{ code: 'ERR_TRANSPORT_CLOSED', message: bridge.reason }} />
        )}
        {issuingRefused && (
          <ErrorNotice error={{ code: 'ERR_TOKENS_UNAVAILABLE', message: issuingRefused }} />
        )}
        <ErrorBoundary name="inspector">
          <InspectorView />
        </ErrorBoundary>
      </main>
      <StatusBar />
    </div>
  );
}
