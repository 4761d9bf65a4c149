import { ErrorNotice } from '../../components/error-notice';
import { useSessionsRevoke } from '../../stores/sessions-revoke';

function JobProgress({ done, total }: { done: number; total: number }) {
  return (
    <label>
      <span>
        Revoked {done.toLocaleString()} of {total.toLocaleString()}
      </span>
      <progress aria-label="Revocation progress" value={done} max={Math.max(total, 1)} />
    </label>
  );
}

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
          <JobProgress done={revoke.done} total={revoke.total} />
          <button type="button" onClick={() => void cancelJob()}>
            Cancel revocation
          </button>
        </div>
      );
    case 'finished':
      return (
        <div className="sessions-progress">
          {/* A job's bar stays at where it stopped: small jobs finish before it could be seen. */}
          {revoke.progress && (
            <JobProgress done={revoke.progress.done} total={revoke.progress.total} />
          )}
          <p role="status" data-result={revoke.progress?.state ?? 'done'}>
            {revoke.summary}
          </p>
        </div>
      );
    case 'failed':
      return <ErrorNotice error={revoke.error} />;
    default:
      return null;
  }
}
