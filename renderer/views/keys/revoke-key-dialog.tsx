import { useState } from 'react';
import type { KeyDto } from '../../../shared/contract';
import { ErrorNotice } from '../../components/error-notice';
import { useKeys } from '../../stores/keys';
import { ConfirmDialog } from '../../components/confirm-dialog';

/**
 * Revoking a key breaks every token it signed at once, so the admin types its id: a click
 * alone is too easy to make by mistake during an incident.
 */
export function RevokeKeyDialog({ keyDto, onClose }: { keyDto: KeyDto; onClose: () => void }) {
  const [typed, setTyped] = useState('');
  const pending = useKeys((state) => state.pending);
  const revoke = useKeys((state) => state.revoke);
  // The page behind a modal dialog is inert and may be hidden by it: a refusal shows here.
  const error = useKeys((state) => state.actionError);
  return (
    <ConfirmDialog
      title={`Revoke key ${keyDto.kid}?`}
      confirmLabel="Revoke key"
      canConfirm={typed === keyDto.kid && pending === null}
      onConfirm={() => void revoke(keyDto.kid).then((ok) => ok && onClose())}
      onClose={onClose}
    >
      <p>
        Every token this key signed stops working at once:{' '}
        <strong>{keyDto.outstandingTokens.toLocaleString()}</strong> access token
        {keyDto.outstandingTokens === 1 ? '' : 's'} not yet expired. Their users are logged out of
        every application that checks them. It cannot be undone.
      </p>
      <label>
        Type <code>{keyDto.kid}</code> to confirm
        <input
          autoFocus
          spellCheck={false}
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
        />
      </label>
      {error && <ErrorNotice error={error} />}
    </ConfirmDialog>
  );
}
