import { useEffect, useState } from 'react';
import { endReasonClause } from '../../../shared/jwt/verdict-end-reasons';
import { ErrorNotice } from '../../components/error-notice';
import { useNowSeconds } from '../../components/use-now';
import { selectIsAdmin, useConnection } from '../../stores/connection';
import { routeHash } from '../../stores/navigation';
import { useSessionDetail } from '../../stores/session-detail';
import { When } from '../../components/when';
import { barLabels } from './bar-labels';
import { ExpiryTimeline } from './expiry-timeline';
import { PropagationTable } from './propagation-table';
import { RefreshTree } from './refresh-tree';
import { RevokeSessionDialog } from './revoke-session-dialog';
import { SessionEvents } from './session-events';
import './session-detail.css';

/** One session: its timeline, refresh tree, where it is in use and its events. */
export function SessionDetailView({ sid }: { sid: string }) {
  const watch = useSessionDetail((state) => state.watch);
  const detail = useSessionDetail((state) => (state.sid === sid ? state.detail : null));
  const propagation = useSessionDetail((state) => (state.sid === sid ? state.propagation : null));
  const loadError = useSessionDetail((state) => state.loadError);
  const isAdmin = useConnection(selectIsAdmin);
  const [confirming, setConfirming] = useState(false);
  const now = useNowSeconds();

  useEffect(() => watch(sid), [watch, sid]);

  const session = detail?.session;
  const timeline = detail?.timeline;
  return (
    <section className="view session-detail" aria-labelledby="session-detail-title">
      <p>
        <a href={routeHash({ view: 'sessions' })}>← Sessions</a>
      </p>
      <h1 id="session-detail-title">
        Session <code>{sid}</code>
      </h1>
      {loadError && <ErrorNotice error={loadError} />}
      {session && timeline && (
        <>
          <p data-session-status={session.status}>
            <strong>{session.userId}</strong> on {session.clientId}, from {session.ip}, started{' '}
            <When ms={session.createdMs} now={now} />.{' '}
            {timeline.ended ? (
              <>
                Ended {timeline.ended.atMs !== null && <When ms={timeline.ended.atMs} now={now} />}
                {timeline.ended.reason && `: ${endReasonClause(timeline.ended.reason)}`}
                {timeline.ended.by && ` (${timeline.ended.by})`}.
              </>
            ) : (
              <>
                First to run out: <strong>{barLabels[timeline.firstToEnd.cause]}</strong>,{' '}
                <When ms={timeline.firstToEnd.atMs} now={now} />.
              </>
            )}
          </p>
          {isAdmin && session.status === 'active' && (
            <button
              type="button"
              className="session-detail-revoke"
              onClick={() => setConfirming(true)}
            >
              Revoke session…
            </button>
          )}
          <h2>Expiry timeline</h2>
          <ExpiryTimeline timeline={timeline} />
          <h2>Refresh tokens</h2>
          <RefreshTree families={detail.families} />
          <h2>Where it is in use</h2>
          {propagation && <PropagationTable propagation={propagation} />}
          <h2>Events</h2>
          <SessionEvents events={detail.events} />
          {confirming && (
            <RevokeSessionDialog session={session} onClose={() => setConfirming(false)} />
          )}
        </>
      )}
    </section>
  );
}
