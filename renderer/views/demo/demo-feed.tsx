import { useEffect } from 'react';
import type { TesseraEvent } from '../../../shared/contract';
import { toIsoSeconds } from '../../../shared/time/format';
import { followDemoFeed, useDemo } from '../../stores/demo';

/** One event as a line a person watching the demo can follow. */
function describe(event: TesseraEvent): string {
  switch (event.type) {
    case 'token.refreshed':
      return `${event.payload.userId} refreshed on ${event.payload.clientId} (generation ${event.payload.generation})`;
    case 'refresh.reuse_detected':
      return `Reuse detected: a rotated refresh token of ${event.payload.userId} was replayed (generation ${event.payload.presentedGeneration} of ${event.payload.latestGeneration}); the family is revoked`;
    case 'session.ended':
      return `Session of ${event.payload.userId} on ${event.payload.clientId} ended: ${event.payload.reason.replace('_', ' ')}`;
    case 'sync.delivery_attempted':
      return `Logout to ${event.payload.clientId}: ${event.payload.outcome} (attempt ${event.payload.attempt}${event.payload.status === null ? ', no answer' : `, HTTP ${event.payload.status}`})`;
    default:
      return event.type;
  }
}

/** The newest refreshes, reuse detections, session ends and logout deliveries, as they happen. */
export function DemoFeed() {
  const feed = useDemo((state) => state.feed);
  useEffect(() => followDemoFeed(), []);
  return (
    <section aria-labelledby="demo-feed-title">
      <h2 id="demo-feed-title">As it happens</h2>
      {feed.length === 0 ? (
        <p className="muted">Waiting for the virtual users…</p>
      ) : (
        <ol className="demo-feed">
          {feed.map((event) => (
            <li key={event.seq} data-event-type={event.type}>
              <span className="muted">{toIsoSeconds(Math.floor(event.atMs / 1000))}</span>{' '}
              {describe(event)}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
