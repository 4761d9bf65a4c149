import type { TesseraEvent } from '../../../shared/contract';
import { useNowSeconds } from '../../components/use-now';
import { When } from '../../components/when';
import { eventSentence } from './event-sentence';

/** The session's latest events, newest first, each a sentence with its time. */
export function SessionEvents({ events }: { events: readonly TesseraEvent[] }) {
  const now = useNowSeconds();
  if (events.length === 0) return <p className="muted">No events.</p>;
  return (
    <ol className="session-detail-events" aria-label="Session events">
      {events.map((event) => (
        <li key={event.seq} data-event={event.type}>
          <span className="session-detail-event-time">
            <When ms={event.atMs} now={now} />
          </span>{' '}
          {eventSentence(event)}
        </li>
      ))}
    </ol>
  );
}
