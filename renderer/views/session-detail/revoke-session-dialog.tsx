import type { SessionDto } from '../../../shared/contract';
import { ErrorNotice } from '../../components/error-notice';
import { useSessionDetail } from '../../stores/session-detail';
import { ConfirmDialog } from '../../components/confirm-dialog';

/** Asks before ending a session: the user is logged out of every service it reached. */
export function RevokeSessionDialog({
  session,
  onClose,
}: {
  session: SessionDto;
  onClose: () => void;
}) {
  const revoking = useSessionDetail((state) => state.revoking);
  const error = useSessionDetail((state) => state.revokeError);
  const revoke = useSessionDetail((state) => state.revoke);
  return (
    <ConfirmDialog
      title="Revoke this session?"
      confirmLabel="Revoke session"
      canConfirm={!revoking}
      onConfirm={() => void revoke().then((ok) => ok && onClose())}
      onClose={onClose}
    >
      <p>
        <strong>{session.userId}</strong> is logged out of {session.clientId} at once: the session’s
        refresh tokens die, its access tokens stop verifying, and every service that reported it is
        sent a logout.
      </p>
      {error && <ErrorNotice error={error} />}
    </ConfirmDialog>
  );
}
