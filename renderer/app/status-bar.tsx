import { useConnection, selectRole } from '../stores/connection';

/** Transport, role, connection and data folder: what an operator checks first. */
export function StatusBar() {
  const transport = useConnection((state) => state.transport);
  const bridge = useConnection((state) => state.bridge);
  const role = useConnection(selectRole);
  const dataDir = useConnection((state) => state.status?.dataDir);
  const version = useConnection((state) => state.status?.version);
  return (
    <footer className="status-bar" aria-label="Status">
      <span data-status="transport">
        {transport === 'electron' ? 'Desktop (IPC)' : 'Browser (bridge)'}
      </span>
      <span data-status="role">Role: {role ?? '…'}</span>
      <span data-status="connection" className={bridge.kind === 'closed' ? 'status-bad' : ''}>
        {bridge.kind === 'open'
          ? 'Connected'
          : bridge.kind === 'connecting'
            ? 'Connecting…'
            : 'Disconnected'}
      </span>
      {dataDir && <span data-status="data-dir">Data: {dataDir}</span>}
      {version && <span className="muted">Tessera {version}</span>}
    </footer>
  );
}
