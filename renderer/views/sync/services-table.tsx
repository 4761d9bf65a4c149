import { useSync } from '../../stores/sync';
import { RetryButton } from './retry-button';
import { onTableKeyDown } from './table-keys';

/** Each downstream service and its logout deliveries by state. */
export function ServicesTable() {
  const services = useSync((state) => state.services);
  if (services === null) return <p className="muted">Loading services…</p>;
  if (services.length === 0) {
    return (
      <p className="muted">
        No downstream service has a back-channel logout URI or a delivery on record.
      </p>
    );
  }
  return (
    <table className="sync-table" aria-label="Downstream services" onKeyDown={onTableKeyDown}>
      <thead>
        <tr>
          <th scope="col">Service</th>
          <th scope="col">Logout URI</th>
          <th scope="col">Delivered</th>
          <th scope="col">Retrying</th>
          <th scope="col">Pending</th>
          <th scope="col">Dead</th>
          <th scope="col">
            <span className="sync-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {services.map((service, index) => (
          <tr key={service.clientId} tabIndex={index === 0 ? 0 : -1} data-client={service.clientId}>
            <th scope="row">
              {service.name ?? 'A removed client'} <code>{service.clientId}</code>
            </th>
            <td className="sync-mono">{service.uri ?? '—'}</td>
            <td data-count="delivered">{service.delivered}</td>
            <td data-count="retrying" className={service.retrying > 0 ? 'sync-warn' : ''}>
              {service.retrying}
            </td>
            <td data-count="pending">{service.pending}</td>
            <td data-count="dead" className={service.dead > 0 ? 'sync-bad' : ''}>
              {service.dead}
            </td>
            <td>
              {service.retrying + service.pending + service.dead > 0 && (
                <RetryButton
                  target={{ clientId: service.clientId }}
                  label={`Retry now: every unfinished delivery to ${service.name ?? service.clientId}`}
                />
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
