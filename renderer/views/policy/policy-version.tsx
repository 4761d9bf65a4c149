import { formatRelative } from '../../../shared/time/format';
import { useNowSeconds } from '../../components/use-now';
import { usePolicy } from '../../stores/policy';

/** Which version is in force and who made it, so an edit is judged against the right one. */
export function PolicyVersion() {
  const current = usePolicy((state) => state.current);
  const now = useNowSeconds();
  if (current === null) return null;
  if (current.version === 0) {
    return <p className="muted">In force: the built-in defaults (version 0, never changed).</p>;
  }
  const when =
    current.changedMs === null ? '' : `, ${formatRelative(current.changedMs / 1000, now)}`;
  return (
    <p className="muted">
      In force: version {current.version}, changed by {current.changedBy ?? 'unknown'}
      {when}.
    </p>
  );
}
