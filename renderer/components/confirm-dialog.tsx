import type { ReactNode } from 'react';
import { ModalDialog } from './modal-dialog';

interface Props {
  readonly title: string;
  readonly confirmLabel: string;
  /** While false the confirm button stays disabled (a typed confirmation not typed yet, a call running). */
  readonly canConfirm: boolean;
  readonly onConfirm: () => void;
  readonly onClose: () => void;
  readonly children: ReactNode;
}

/** A modal confirmation for destructive actions: Cancel (or Esc), or the danger button. */
export function ConfirmDialog({
  title,
  confirmLabel,
  canConfirm,
  onConfirm,
  onClose,
  children,
}: Props) {
  return (
    <ModalDialog title={title} onClose={onClose}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (canConfirm) onConfirm();
        }}
      >
        {children}
        <div className="modal-dialog-buttons">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="danger" disabled={!canConfirm}>
            {confirmLabel}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
