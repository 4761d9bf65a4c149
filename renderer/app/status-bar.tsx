import { useConnection, selectRole } from '../stores/connection';

const backendNames = {
  keychain: 'OS keychain',
  'key-file': 'key file (no keychain)',
  environment: 'TESSERA_MASTER_KEY',
} as const;

/** Transport, role, connection and data folder: what an operator checks first. */
export function StatusBar() {
  const transport = useConnection((state) => state.transport);
  const bridge = useConnection((state) => state.bridge);
  const role = useConnection(selectRole);
  const database = useConnection((state) => state.status?.database.file);
  const version = useConnection((state) => state.status?.version);
  const issuer = useConnection((state) => state.status?.issuer);
  const keychain = useConnection((state) => state.status?.keychain);
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
      {keychain && (
        <span
          data-status="keychain"
          className={keychain.backend === 'keychain' ? '' : 'status-warn'}
          title={keychain.warning ?? 'The master key is in the OS keychain.'}
        >
          Keys sealed by: {backendNames[keychain.backend]}
          {keychain.warning && ' ⚠'}
        </span>
      )}
      {database && <span data-status="database">Database: {database}</span>}
      {issuer && <span data-status="issuer">Issuer: {issuer}</span>}
      {version && <span className="muted">Tessera {version}</span>}
    </footer>
  );
}
