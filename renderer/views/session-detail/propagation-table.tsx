import type { ParticipantPropagationDto, SessionPropagationDto } from '../../../shared/contract';
import { useNowSeconds } from '../../components/use-now';
import { When } from '../../components/when';

/** Where the session is in use, and whether each service was told when it ended. */
export function PropagationTable({ propagation }: { propagation: SessionPropagationDto }) {
  const now = useNowSeconds();
  return (
    <table className="session-detail-table" aria-label="Where this session is in use">
      <thead>
        <tr>
          <th scope="col">Service</th>
          <th scope="col">How</th>
          <th scope="col">Logout</th>
        </tr>
      </thead>
      <tbody>
        {propagation.participants.map((participant) => (
          <tr
            key={participant.clientId}
            data-client={participant.clientId}
            data-delivery={logoutState(participant, propagation.status)}
          >
            <th scope="row">
              {participant.name ?? participant.clientId} <code>{participant.clientId}</code>
            </th>
            <td>
              {participant.reportedMs === null ? (
                'the user logged in here'
              ) : (
                <>
                  reported the login <When ms={participant.reportedMs} now={now} />
                </>
              )}
            </td>
            <td>
              <LogoutStatus participant={participant} status={propagation.status} now={now} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

type LogoutState = 'not_needed' | 'no_uri' | 'pending' | 'delivered' | 'dead';

/** One word for where a participant's logout stands, for styling and for tests. */
function logoutState(
  participant: ParticipantPropagationDto,
  status: SessionPropagationDto['status'],
): LogoutState {
  if (participant.delivery) return participant.delivery.status;
  if (status === 'active') return 'not_needed';
  return participant.backchannelLogoutUri === null ? 'no_uri' : 'pending';
}

function LogoutStatus({
  participant,
  status,
  now,
}: {
  participant: ParticipantPropagationDto;
  status: SessionPropagationDto['status'];
  now: number;
}) {
  const delivery = participant.delivery;
  switch (logoutState(participant, status)) {
    case 'not_needed':
      return <span className="muted">nothing to send while the session is active</span>;
    case 'no_uri':
      return <span className="muted">cannot be told: it has no back-channel logout URI</span>;
    case 'pending':
      return delivery && delivery.attempts > 0 ? (
        <span className="session-detail-warn">
          retrying after {delivery.attempts} failed attempt{delivery.attempts === 1 ? '' : 's'}
          {delivery.lastError && ` (${delivery.lastError})`}; next{' '}
          <When ms={delivery.nextAttemptMs} now={now} />
        </span>
      ) : (
        <span className="session-detail-warn">waiting to be sent</span>
      );
    case 'delivered':
      return (
        <span className="session-detail-ok">
          delivered
          {delivery?.finishedMs != null && (
            <>
              {' '}
              <When ms={delivery.finishedMs} now={now} />
            </>
          )}
        </span>
      );
    case 'dead':
      return (
        <span className="session-detail-bad">
          given up after {delivery?.attempts} attempts
          {delivery?.lastError && `: ${delivery.lastError}`}
        </span>
      );
  }
}
