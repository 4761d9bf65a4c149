import { ErrorNotice } from '../../components/error-notice';
import { useSessionsRevoke } from '../../stores/sessions-revoke';

/**
 * What a revocation is doing or did: working, a job's progress bar (cancellable), the result,
 * or the error with its code. Renders nothing while the dialog is still asking.
 */
export function RevokeOutcome() {
  const revoke = useSessionsRevoke((state) => state.revoke);
  const cancelJob = useSessionsRevoke((state) => state.cancelJob);
  switch (revoke.phase) {
    case 'working':
      return <p role="status">Working…</p>;
    case 'running':
      return (
        <div className="sessions-progress">
          <label>
            <span>
              Revoked {revoke.done.toLocaleString()} of {revoke.total.toLocaleString()}
            </span>
            <progress value={revoke.done} max={Math.max(revoke.total, 1)} />
          </label>
          <button type="button" onClick={() => void cancelJob()}>
            Cancel revocation
          </button>
        </div>
      );
    case 'finished':
      return (
        <p role="status" className="sessions-result" data-result={revoke.progress?.state ?? 'done'}>
          {revoke.summary}
        </p>
      );
    case 'failed':
      return <ErrorNotice error={revoke.error} />;
    default:
      return null;
  }
}
