import { useEffect, useId, useRef, type ReactNode } from 'react';
import './confirm-dialog.css';

interface Props {
  readonly title: string;
  readonly confirmLabel: string;
  /** While false the confirm button stays disabled (a typed confirmation not typed yet, a call running). */
  readonly canConfirm: boolean;
  readonly onConfirm: () => void;
  readonly onClose: () => void;
  readonly children: ReactNode;
}

/**
 * A modal confirmation for destructive actions. A native `<dialog>` opened with `showModal`
 * traps focus, makes the page behind it inert and closes on Esc without any code of ours.
 */
export function ConfirmDialog({
  title,
  confirmLabel,
  canConfirm,
  onConfirm,
  onClose,
  children,
}: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const element = dialog.current;
    element?.showModal();
    return () => element?.close();
  }, []);
  return (
    <dialog ref={dialog} className="confirm-dialog" aria-labelledby={titleId} onClose={onClose}>
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          if (canConfirm) onConfirm();
        }}
      >
        <h2 id={titleId}>{title}</h2>
        {children}
        <div className="confirm-dialog-buttons">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="danger" disabled={!canConfirm}>
            {confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
