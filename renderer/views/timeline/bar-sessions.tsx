import type { FleetRange } from '../../../shared/contract';
import { formatRelative } from '../../../shared/time/format';
import { ErrorNotice } from '../../components/error-notice';
import { useNowSeconds } from '../../components/use-now';
import { routeHash } from '../../stores/navigation';
import { useTimeline } from '../../stores/timeline';
import { momentLabel } from './bucket-label';
import { causeNames } from './cause-names';

/** The sessions behind the chosen bar, each a link to its detail. */
export function BarSessions({ label, range }: { label: string; range: FleetRange }) {
  const barSessions = useTimeline((state) => state.barSessions);
  const now = useNowSeconds();
  if (barSessions === null) return null;

  return (
    <section
      className="timeline-sessions"
      aria-labelledby="timeline-sessions-title"
      aria-busy={barSessions.state === 'loading'}
    >
      <h2 id="timeline-sessions-title">Sessions ending {label}</h2>
      {barSessions.state === 'loading' && <p className="muted">Loading…</p>}
      {barSessions.state === 'failed' && <ErrorNotice error={barSessions.error} />}
      {barSessions.state === 'ready' && (
        <>
          {barSessions.rows.length === 0 ? (
            <p className="muted">No sessions to list in this interval.</p>
          ) : (
            <table className="timeline-table" aria-labelledby="timeline-sessions-title">
              <thead>
                <tr>
                  <th scope="col">Session</th>
                  <th scope="col">User</th>
                  <th scope="col">Client</th>
                  <th scope="col">Ends</th>
                  <th scope="col">Why</th>
                </tr>
              </thead>
              <tbody>
                {barSessions.rows.map(({ session, end }) => (
                  <tr key={session.sid}>
                    <td>
                      <a href={routeHash({ view: 'sessions', sid: session.sid })}>{session.sid}</a>
                    </td>
                    <td>{session.userId}</td>
                    <td>{session.clientId}</td>
                    <td>
                      {momentLabel(end.endMs, range)}{' '}
                      <span className="muted">({formatRelative(end.endMs / 1000, now)})</span>
                    </td>
                    <td>{causeNames[end.cause]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {barSessions.unlisted > 0 && (
            <p className="muted">
              {barSessions.unlisted} more in this bar are not listed: the list shows the{' '}
              {barSessions.rows.length} that end first.
            </p>
          )}
        </>
      )}
    </section>
  );
}
