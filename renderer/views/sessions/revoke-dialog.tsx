import type { ReactNode } from 'react';
import { useSessionsRevoke } from '../../stores/sessions-revoke';
import { ModalDialog } from '../../components/modal-dialog';
import { RevokeOutcome } from './revoke-outcome';

interface Props {
  readonly title: string;
  /** The question while the operator decides; null once they have (then the outcome shows). */
  readonly ask: ReactNode | null;
  readonly confirmLabel: string;
  readonly confirmDisabled?: boolean;
  onConfirm(): void;
  onClose(): void;
}

/** The frame every revocation dialog shares: ask, confirm, then what happened. */
export function RevokeDialog({
  title,
  ask,
  confirmLabel,
  confirmDisabled = false,
  onConfirm,
  onClose,
}: Props) {
  const running = useSessionsRevoke((state) => state.revoke.phase === 'running');
  return (
    <ModalDialog title={title} onClose={onClose}>
      {ask ?? <RevokeOutcome />}
      <div className="modal-dialog-buttons">
        {ask !== null ? (
          <>
            <button type="button" onClick={onClose}>
              Cancel
            </button>
            <button
              type="button"
              className="sessions-danger"
              disabled={confirmDisabled}
              onClick={onConfirm}
            >
              {confirmLabel}
            </button>
          </>
        ) : (
          <button type="button" onClick={onClose}>
            {running ? 'Hide (keeps running)' : 'Close'}
          </button>
        )}
      </div>
    </ModalDialog>
  );
}
