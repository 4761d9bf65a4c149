import { useSessionsRevoke } from '../../stores/sessions-revoke';
import { RevokeOutcome } from './revoke-outcome';

/** A job's progress and result once its dialog was hidden, until the operator dismisses it. */
export function RevokeStatus() {
  const shown = useSessionsRevoke((state) => state.revoke.phase !== 'idle');
  const dismiss = useSessionsRevoke((state) => state.dismiss);
  const running = useSessionsRevoke((state) => state.revoke.phase === 'running');
  if (!shown) return null;
  return (
    <div className="sessions-revoke-status">
      <RevokeOutcome />
      {!running && (
        <button type="button" onClick={dismiss}>
          Dismiss
        </button>
      )}
    </div>
  );
}
