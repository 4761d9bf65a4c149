import { useEffect, useState } from 'react';
import type { ParticipantPropagationDto, SessionPropagationDto } from '../../../shared/contract';
import { api } from '../../stores/connection';
import { useDemo } from '../../stores/demo';

/** How often the latest theft's propagation is read again while it is shown. */
const pollMs = 1000;

function told(participant: ParticipantPropagationDto): string {
  const { delivery } = participant;
  if (!participant.backchannelLogoutUri) return 'has no back-channel logout URI';
  if (!delivery) return 'not told yet';
  const answer = delivery.lastStatus === null ? 'no answer' : `HTTP ${delivery.lastStatus}`;
  const attempts = `${delivery.attempts} attempt${delivery.attempts === 1 ? '' : 's'}`;
  if (delivery.status === 'delivered') return `told (${attempts}, ${answer})`;
  if (delivery.status === 'dead') return `given up on (${attempts}, ${answer})`;
  return delivery.attempts === 0 ? 'about to be told' : `retrying (${attempts}, ${answer})`;
}

/**
 * The latest reuse detection and its propagation: the stolen token's session ended, and each
 * service that knew the session is told, retried, or given up on.
 */
export function DemoTheft() {
  const reuse = useDemo((state) => state.lastReuse);
  const [propagation, setPropagation] = useState<SessionPropagationDto | null>(null);
  useEffect(() => {
    if (!reuse) return;
    const read = (): void =>
      void api.call('sync.sessionPropagation', { sid: reuse.sid }).then((result) => {
        if (result.ok) setPropagation(result.value);
      });
    read();
    const timer = setInterval(read, pollMs);
    return () => clearInterval(timer);
  }, [reuse]);
  return (
    <section aria-labelledby="demo-theft-title">
      <h2 id="demo-theft-title">Latest token theft</h2>
      {!reuse ? (
        <p className="muted">No reuse detected since this view opened.</p>
      ) : (
        <>
          <p>
            A rotated refresh token of <strong>{reuse.userId}</strong> on{' '}
            <code>{reuse.clientId}</code> was replayed (generation {reuse.presentedGeneration} of{' '}
            {reuse.latestGeneration}): the family is revoked and the session ended.
          </p>
          {propagation?.sid === reuse.sid && (
            <ul aria-label="Propagation">
              {propagation.participants.map((participant) => (
                <li key={participant.clientId} data-participant={participant.clientId}>
                  <code>{participant.clientId}</code>{' '}
                  {participant.source === 'session' ? '(the app)' : '(a service)'}{' '}
                  {told(participant)}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
