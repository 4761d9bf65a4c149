import type { ServerTruth as ServerTruthDto } from '../../../shared/contract';
import { endReasonClause } from '../../../shared/jwt/verdict-end-reasons';
import { useNowSeconds } from '../../components/use-now';
import { useInspector } from '../../stores/inspector';
import { routeHash } from '../../stores/navigation';
import { When } from '../../components/when';

/** For tokens Tessera issued: what the server knows that the token itself cannot say. */
export function ServerTruth() {
  const verification = useInspector((state) => state.verification);
  const now = useNowSeconds();
  if (verification.state !== 'done' || !verification.inspection.server) return null;
  const truth: ServerTruthDto = verification.inspection.server;
  const { session } = truth;
  return (
    <section className="server-truth" aria-label="Server truth">
      <h2>On this Tessera</h2>
      <p
        className={`verdict ${truth.verification.ok ? 'verdict-valid' : 'verdict-invalid'}`}
        data-server-verdict={truth.verification.ok ? 'accepted' : truth.verification.reason}
      >
        {truth.verification.ok
          ? 'Tessera accepts this token right now.'
          : `Tessera refuses this token: ${truth.verification.message}`}
      </p>
      <dl className="facts">
        <dt>Signing key</dt>
        <dd>{truth.keyState ?? 'not one of Tessera’s keys'}</dd>
        {session ? (
          <>
            <dt>Session</dt>
            <dd data-session-status={session.status}>
              <a
                href={routeHash({ view: 'sessions', sid: session.sid })}
                aria-label={`Open session ${session.sid}`}
              >
                <code>{session.sid}</code>
              </a>{' '}
              of <strong>{session.userId}</strong> on {session.clientId}:{' '}
              {session.status === 'active'
                ? 'active'
                : `ended: ${session.endReason ? endReasonClause(session.endReason) : 'reason unknown'} (${session.endedBy ?? 'by whom unknown'})`}
              {session.revoked && ' — its access tokens are revoked'}
            </dd>
            <dt>Started</dt>
            <dd>
              <When ms={session.createdMs} now={now} />
            </dd>
            <dt>Last seen</dt>
            <dd>
              <When ms={session.lastSeenMs} now={now} />
            </dd>
            {session.status === 'active' ? (
              <>
                <dt>Ends when idle at</dt>
                <dd>
                  <When ms={session.idleDeadlineMs} now={now} />
                </dd>
                <dt>Ends at the latest</dt>
                <dd>
                  <When ms={session.absoluteDeadlineMs} now={now} />
                </dd>
              </>
            ) : (
              session.endedMs !== null && (
                <>
                  <dt>Ended</dt>
                  <dd>
                    <When ms={session.endedMs} now={now} />
                  </dd>
                </>
              )
            )}
            {truth.families.map((family) => (
              <div key={family.familyId} className="fact-row">
                <dt>Refresh family</dt>
                <dd>
                  {family.generations} token{family.generations === 1 ? '' : 's'} so far;{' '}
                  {family.revoked
                    ? 'revoked'
                    : family.liveGeneration
                      ? `#${family.liveGeneration} is live`
                      : 'none live'}
                </dd>
              </div>
            ))}
          </>
        ) : (
          <>
            <dt>Session</dt>
            <dd>unknown to this Tessera (deleted, or from another data folder)</dd>
          </>
        )}
      </dl>
    </section>
  );
}
