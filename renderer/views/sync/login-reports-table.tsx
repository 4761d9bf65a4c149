import { formatRelative } from '../../../shared/time/format';
import { useNowSeconds } from '../../components/use-now';
import { routeHash } from '../../stores/navigation';
import { useSync } from '../../stores/sync';
import { onTableKeyDown } from './table-keys';

/** Downstream services' reports that a session reached them, newest first. */
export function LoginReportsTable() {
  const reports = useSync((state) => state.reports);
  const now = useNowSeconds();
  if (reports === null) return <p className="muted">Loading login reports…</p>;
  if (reports.length === 0) return <p className="muted">No service has reported a login yet.</p>;
  return (
    <table className="sync-table" aria-label="Recent login reports" onKeyDown={onTableKeyDown}>
      <thead>
        <tr>
          <th scope="col">Reported</th>
          <th scope="col">Service</th>
          <th scope="col">User</th>
          <th scope="col">Session</th>
          <th scope="col">Session’s client</th>
          <th scope="col">Session state</th>
        </tr>
      </thead>
      <tbody>
        {reports.map((report, index) => (
          <tr
            key={`${report.sid} ${report.clientId}`}
            tabIndex={index === 0 ? 0 : -1}
            data-sid={report.sid}
          >
            <th scope="row" title={new Date(report.reportedMs).toISOString()}>
              {formatRelative(report.reportedMs / 1000, now)}
            </th>
            <td>
              {report.clientName ?? 'A removed client'} <code>{report.clientId}</code>
            </td>
            <td>{report.userId}</td>
            <td className="sync-mono">
              <a href={routeHash({ view: 'sessions', sid: report.sid })}>{report.sid}</a>
            </td>
            <td>
              <code>{report.sessionClientId}</code>
            </td>
            <td>{report.sessionStatus}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
