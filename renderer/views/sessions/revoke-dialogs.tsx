import { useEffect, useState } from 'react';
import { revokeAllConfirmationPhrase, type SessionFilter } from '../../../shared/contract';
import { ErrorNotice } from '../../components/error-notice';
import { formatSessionCount, useSessionsRevoke } from '../../stores/sessions-revoke';
import { RevokeDialog } from './revoke-dialog';
import { describeFilter } from './describe-filter';

/** Ends the selected sessions, one call each. */
export function RevokeSelectedDialog({
  sids,
  onClose,
}: {
  sids: readonly string[];
  onClose(): void;
}) {
  const idle = useSessionsRevoke((state) => state.revoke.phase === 'idle');
  const revokeSessions = useSessionsRevoke((state) => state.revokeSessions);
  return (
    <RevokeDialog
      title="Revoke selected sessions"
      ask={
        idle ? (
          <p>
            End {formatSessionCount(sids.length)} now? Their refresh tokens stop working and their
            access tokens stop verifying at once.
          </p>
        ) : null
      }
      confirmLabel={`Revoke ${formatSessionCount(sids.length)}`}
      onConfirm={() => void revokeSessions(sids)}
      onClose={onClose}
    />
  );
}

/** Ends every active session of one user (also those not loaded or not matching the search). */
export function RevokeUserDialog({ userId, onClose }: { userId: string; onClose(): void }) {
  const idle = useSessionsRevoke((state) => state.revoke.phase === 'idle');
  const revokeUser = useSessionsRevoke((state) => state.revokeUser);
  return (
    <RevokeDialog
      title={`Revoke ${userId}’s sessions`}
      ask={
        idle ? (
          <p>
            End every active session of <strong>{userId}</strong>, on every client? Services that
            took part are told through back-channel logout.
          </p>
        ) : null
      }
      confirmLabel="Revoke all their sessions"
      onConfirm={() => void revokeUser(userId)}
      onClose={onClose}
    />
  );
}

/**
 * Revokes what a filter matches: the count is previewed first, and the job refuses to run if
 * the filter matches a different number by the time the operator confirms.
 */
export function RevokeQueryDialog({ filter, onClose }: { filter: SessionFilter; onClose(): void }) {
  const revoke = useSessionsRevoke((state) => state.revoke);
  const previewQuery = useSessionsRevoke((state) => state.previewQuery);
  const confirmQuery = useSessionsRevoke((state) => state.confirmQuery);
  useEffect(() => {
    void previewQuery(filter);
  }, [filter, previewQuery]);
  const count = revoke.phase === 'confirm' ? revoke.count : 0;
  // Sessions started or ended since the preview: the server refused; count again, then decide.
  const stale = revoke.phase === 'failed' && revoke.error.code === 'ERR_SESSIONS_PREVIEW_STALE';
  return (
    <RevokeDialog
      title="Revoke by query"
      ask={
        revoke.phase === 'confirm' ? (
          <p data-preview-count={count}>
            <strong>{formatSessionCount(count)}</strong> active now match {describeFilter(filter)}.
            Revoke them?
          </p>
        ) : stale ? (
          <ErrorNotice error={revoke.error} />
        ) : null
      }
      confirmLabel={stale ? 'Preview again' : `Revoke ${formatSessionCount(count)}`}
      confirmDisabled={!stale && count === 0}
      onConfirm={() => void (stale ? previewQuery(filter) : confirmQuery())}
      onClose={onClose}
    />
  );
}

/** The kill switch: every active session, behind the exact confirmation phrase. */
export function RevokeAllDialog({ onClose }: { onClose(): void }) {
  const idle = useSessionsRevoke((state) => state.revoke.phase === 'idle');
  const revokeAll = useSessionsRevoke((state) => state.revokeAll);
  const [typed, setTyped] = useState('');
  return (
    <RevokeDialog
      title="Revoke every session"
      ask={
        idle ? (
          <>
            <p>
              This ends <strong>every active session</strong> of every user: everyone must log in
              again. To confirm, type <code>{revokeAllConfirmationPhrase}</code>.
            </p>
            <input
              type="text"
              aria-label="Confirmation phrase"
              autoComplete="off"
              spellCheck={false}
              value={typed}
              onChange={(event) => setTyped(event.target.value)}
            />
          </>
        ) : null
      }
      confirmLabel="Revoke every session"
      confirmDisabled={typed !== revokeAllConfirmationPhrase}
      onConfirm={() => void revokeAll(typed)}
      onClose={onClose}
    />
  );
}
