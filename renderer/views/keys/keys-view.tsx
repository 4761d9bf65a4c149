import { useEffect, useState } from 'react';
import { ErrorNotice } from '../../components/error-notice';
import { selectIsAdmin, useConnection } from '../../stores/connection';
import { useKeys } from '../../stores/keys';
import { JwksPanel } from './jwks-panel';
import { KeysTable } from './keys-table';
import { RevokeKeyDialog } from './revoke-key-dialog';
import './keys.css';

/** Signing keys: their states and usage, rotation, retirement, revocation, and the JWKS. */
export function KeysView() {
  const keys = useKeys((state) => state.keys);
  const loadError = useKeys((state) => state.loadError);
  const actionError = useKeys((state) => state.actionError);
  const pending = useKeys((state) => state.pending);
  const watch = useKeys((state) => state.watch);
  const rotate = useKeys((state) => state.rotate);
  const isAdmin = useConnection(selectIsAdmin);
  const [revoking, setRevoking] = useState<string | null>(null);

  useEffect(() => watch(), [watch]);

  const revokingKey = keys?.keys.find((key) => key.kid === revoking);
  return (
    <section className="view keys" aria-labelledby="keys-title">
      <h1 id="keys-title">Keys</h1>
      <p className="muted">
        A key is published as <em>next</em> before it signs, so relying parties already have it when
        it becomes <em>active</em>; a <em>retired</em> key stays published until the last token it
        signed expires.
      </p>
      {isAdmin && (
        <button type="button" disabled={pending !== null} onClick={() => void rotate()}>
          {pending === 'rotate' ? 'Rotating…' : 'Rotate keys'}
        </button>
      )}
      {loadError && <ErrorNotice error={loadError} />}
      {actionError && <ErrorNotice error={actionError} />}
      {keys && (
        <>
          <KeysTable keys={keys.keys} onRevoke={setRevoking} />
          <JwksPanel jwks={keys.jwks} />
        </>
      )}
      {revokingKey && <RevokeKeyDialog keyDto={revokingKey} onClose={() => setRevoking(null)} />}
    </section>
  );
}
