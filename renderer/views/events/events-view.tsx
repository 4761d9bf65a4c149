import { useEffect } from 'react';
import { ErrorNotice } from '../../components/error-notice';
import { loadOlderEvents, startFeed, stopFeed, useEvents } from '../../stores/events';
import { EventFeed } from './event-feed';
import { EventsFilter } from './events-filter';
import { FeedToolbar } from './feed-toolbar';
import './events.css';

/** The events view: the live feed with its filter, older history on demand, and export. */
export function EventsView() {
  const error = useEvents((state) => state.error);
  const hasOlder = useEvents((state) => state.olderBeforeSeq !== null);
  const loadingOlder = useEvents((state) => state.loadingOlder);
  useEffect(() => {
    startFeed();
    return stopFeed;
  }, []);
  return (
    <section className="view events-view" aria-labelledby="events-title">
      <h1 id="events-title">Events</h1>
      <p className="muted">
        Everything that happens, as it happens; with a filter, the history that matches it first.
      </p>
      <EventsFilter />
      {error && <ErrorNotice error={error} />}
      <FeedToolbar />
      <EventFeed />
      {hasOlder && (
        <button
          type="button"
          className="events-older"
          onClick={() => void loadOlderEvents()}
          disabled={loadingOlder}
        >
          {loadingOlder ? 'Loading older events…' : 'Load older events'}
        </button>
      )}
    </section>
  );
}
