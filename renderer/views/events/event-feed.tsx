import { useCallback, useRef, useState, type KeyboardEvent } from 'react';
import { eventSubjects } from '../../../shared/events/describe-event';
import { rowKeyTarget } from '../../components/row-keys';
import { VirtualRows } from '../../components/virtual-rows';
import { useEvents } from '../../stores/events';
import { navigate } from '../../stores/navigation';
import { EventRow } from './event-row';
import { useNewestAnchor } from './use-newest-anchor';

const rowHeight = 32;

/**
 * The feed, newest first and virtualized. One row is in the tab order; arrow keys, Page keys,
 * Home and End move it, Enter opens its session.
 */
export function EventFeed() {
  const items = useEvents((state) => state.items);
  const [active, setActive] = useState(0);
  const box = useRef<HTMLDivElement>(null);
  // Set by a key press so that only the keyboard moves focus, never a batch arriving.
  const focusPending = useRef(false);
  const count = items.length;
  const shiftActive = useCallback((rows: number) => setActive((index) => index + rows), []);
  useNewestAnchor(items, box, rowHeight, shiftActive);

  const focusRow = useCallback((row: HTMLDivElement | null) => {
    if (row && focusPending.current) {
      focusPending.current = false;
      row.focus({ preventScroll: true });
    }
  }, []);

  // Clamped: a restart can leave fewer rows than the index that was active.
  const activeIndex = Math.min(active, Math.max(0, count - 1));
  const onKeyDown = (event: KeyboardEvent) => {
    const scroller = box.current?.querySelector<HTMLElement>('.virtual-rows');
    if (!scroller || count === 0) return;
    // Enter on a row opens its session; on the session link, the link does that itself.
    if (event.key === 'Enter' && (event.target as HTMLElement).role === 'row') {
      const item = items[count - 1 - activeIndex];
      const sid = item?.kind === 'event' ? eventSubjects(item.event).sid : null;
      if (sid) navigate({ view: 'sessions', sid });
      return;
    }
    const next = rowKeyTarget(
      event.key,
      activeIndex,
      count,
      Math.floor(scroller.clientHeight / rowHeight),
    );
    if (next === undefined) return;
    event.preventDefault();
    // Bring the row into view first: a virtual list mounts it only once it is in view.
    const top = next * rowHeight;
    if (top < scroller.scrollTop) scroller.scrollTop = top;
    else if (top + rowHeight > scroller.scrollTop + scroller.clientHeight)
      scroller.scrollTop = top + rowHeight - scroller.clientHeight;
    focusPending.current = true;
    setActive(next);
  };

  const renderRow = (index: number) => {
    const item = items[count - 1 - index];
    return item ? (
      <EventRow
        item={item}
        index={index}
        active={index === activeIndex}
        rowRef={index === activeIndex ? focusRow : undefined}
      />
    ) : null;
  };

  return (
    <div className="events-feed" ref={box} onKeyDown={onKeyDown}>
      <div className="events-row events-head" aria-hidden="true">
        <span>Time (UTC)</span>
        <span>Type</span>
        <span>What happened</span>
        <span>User</span>
        <span>Client</span>
        <span>Session</span>
      </div>
      {count === 0 ? (
        <p className="muted events-empty">No events match yet; they appear here as they happen.</p>
      ) : (
        <VirtualRows
          rowCount={count}
          rowHeight={rowHeight}
          renderRow={renderRow}
          ariaLabel="Events, newest first"
          className="events-rows"
        />
      )}
    </div>
  );
}
