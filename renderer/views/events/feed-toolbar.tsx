import { eventsToCsv, eventsToJson } from '../../../shared/export/events-export';
import { loadedEvents, pauseFeed, resumeFeed, useEvents } from '../../stores/events';
import { downloadFile, fileStamp } from '../../components/download-file';
import { useEventRate } from './use-event-rate';

function exportEvents(format: 'csv' | 'json'): void {
  const events = loadedEvents(useEvents.getState().items);
  const stamp = fileStamp();
  if (format === 'csv')
    downloadFile(`tessera-events-${stamp}.csv`, 'text/csv', eventsToCsv(events));
  else downloadFile(`tessera-events-${stamp}.json`, 'application/json', eventsToJson(events));
}

/** Pause and resume, what arrived meanwhile, the live rate, and export of the loaded events. */
export function FeedToolbar() {
  const paused = useEvents((state) => state.paused);
  const heldCount = useEvents((state) => state.heldCount);
  const loaded = useEvents((state) => state.items.length);
  const rate = useEventRate();
  return (
    <div className="events-toolbar" role="toolbar" aria-label="Live feed">
      <button type="button" onClick={paused ? resumeFeed : pauseFeed}>
        {paused ? 'Resume' : 'Pause'}
      </button>
      <span role="status" className={paused ? 'events-held' : 'muted'} data-held={heldCount}>
        {paused
          ? `${heldCount.toLocaleString('en')} new while paused`
          : `${loaded.toLocaleString('en')} rows loaded`}
      </span>
      <span className="muted" data-rate={rate}>
        {rate.toLocaleString('en')} events/s
      </span>
      <span className="events-export">
        <button type="button" onClick={() => exportEvents('csv')} disabled={loaded === 0}>
          Export CSV
        </button>
        <button type="button" onClick={() => exportEvents('json')} disabled={loaded === 0}>
          Export JSON
        </button>
      </span>
    </div>
  );
}
