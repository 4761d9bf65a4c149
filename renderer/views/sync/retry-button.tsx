import { useState } from 'react';
import { selectIsAdmin, useConnection } from '../../stores/connection';
import { retryDeliveries, type RetryTarget } from '../../stores/sync';

/**
 * "Retry now" for admins; support does not see it (and the server would refuse it). The label
 * starts with the visible text, so voice control finds the button by what it shows.
 */
export function RetryButton({ target, label }: { target: RetryTarget; label: string }) {
  const isAdmin = useConnection(selectIsAdmin);
  const [busy, setBusy] = useState(false);
  if (!isAdmin) return null;
  return (
    <button
      type="button"
      className="sync-retry"
      aria-label={label}
      disabled={busy}
      onClick={() => {
        setBusy(true);
        void retryDeliveries(target).finally(() => setBusy(false));
      }}
    >
      Retry now
    </button>
  );
}
