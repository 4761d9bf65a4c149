import type { DeliveryDto } from '../../../shared/contract';
import { formatRelative } from '../../../shared/time/format';
import { useNowSeconds } from '../../components/use-now';
import { routeHash } from '../../stores/navigation';
import { useSync } from '../../stores/sync';
import { RetryButton } from './retry-button';
import { onTableKeyDown } from './table-keys';

/** Pending splits in two for people: never tried yet, or backing off after a failure. */
function stateOf(delivery: DeliveryDto): 'pending' | 'retrying' | 'delivered' | 'dead' {
  if (delivery.status === 'pending') return delivery.attempts > 0 ? 'retrying' : 'pending';
  return delivery.status;
}

function lastAnswer(delivery: DeliveryDto): string {
  if (delivery.attempts === 0) return '—';
  const status = delivery.lastStatus === null ? 'no answer' : `HTTP ${delivery.lastStatus}`;
  return delivery.lastError ? `${status}: ${delivery.lastError}` : status;
}

/** The newest logout deliveries, one per ended session and service. */
export function DeliveriesTable() {
  const deliveries = useSync((state) => state.deliveries);
  const now = useNowSeconds(1000);
  if (deliveries === null) return <p className="muted">Loading deliveries…</p>;
  if (deliveries.length === 0) {
    return <p className="muted">No logout deliveries yet: they start when a session ends.</p>;
  }
  return (
    <table className="sync-table" aria-label="Recent deliveries" onKeyDown={onTableKeyDown}>
      <thead>
        <tr>
          <th scope="col">Delivery</th>
          <th scope="col">Service</th>
          <th scope="col">User</th>
          <th scope="col">Session</th>
          <th scope="col">State</th>
          <th scope="col">Attempts</th>
          <th scope="col">Last answer</th>
          <th scope="col">Next attempt or finished</th>
          <th scope="col">
            <span className="sync-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {deliveries.map((delivery, index) => {
          const state = stateOf(delivery);
          const when = (delivery.finishedMs ?? delivery.nextAttemptMs) / 1000;
          return (
            <tr
              key={delivery.deliveryId}
              tabIndex={index === 0 ? 0 : -1}
              data-delivery={delivery.deliveryId}
              data-state={state}
            >
              <th scope="row">#{delivery.deliveryId}</th>
              <td>
                <code>{delivery.clientId}</code>
              </td>
              <td>{delivery.userId}</td>
              <td className="sync-mono">
                <a href={routeHash({ view: 'sessions', sid: delivery.sid })}>{delivery.sid}</a>
              </td>
              <td>
                <span className={`sync-state sync-state-${state}`}>{state}</span>
              </td>
              <td data-attempts={delivery.attempts}>{delivery.attempts}</td>
              <td className="sync-answer">{lastAnswer(delivery)}</td>
              <td title={new Date(when * 1000).toISOString()}>
                {state === 'delivered' || state === 'dead'
                  ? formatRelative(when, now)
                  : when > now
                    ? `next ${formatRelative(when, now)}`
                    : 'due now'}
              </td>
              <td>
                {state !== 'delivered' && (
                  <RetryButton
                    target={{ deliveryId: delivery.deliveryId }}
                    label={`Retry now: delivery #${delivery.deliveryId}`}
                  />
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
