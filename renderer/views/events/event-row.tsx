import { memo, type Ref } from 'react';
import { describeEvent, eventSubjects } from '../../../shared/events/describe-event';
import type { FeedItem } from '../../stores/events';
import { routeHash } from '../../stores/navigation';

interface Props {
  readonly item: FeedItem;
  /** Position in the feed, newest first (for `aria-rowindex`, which counts from 1). */
  readonly index: number;
  /** The row the arrow keys move from: the only one in the tab order. */
  readonly active: boolean;
  readonly rowRef?: Ref<HTMLDivElement>;
}

/** `18:02:33.123`, UTC like every time in the console; the row's title has the full date. */
function clockTime(atMs: number): string {
  return new Date(atMs).toISOString().slice(11, 23);
}

/** One feed row: time, type, sentence, and who it is about; the session opens its detail. */
export const EventRow = memo(function EventRow({ item, index, active, rowRef }: Props) {
  const common = {
    ref: rowRef,
    role: 'row',
    'aria-rowindex': index + 1,
    tabIndex: active ? 0 : -1,
    'data-row-index': index,
  } as const;
  if (item.kind === 'gap') {
    return (
      <div {...common} className="events-row events-gap" data-gap={item.dropped}>
        <span role="gridcell">
          {/* The bus reports how many, not which: around this batch is all that is known. */}
          {item.dropped.toLocaleString('en')} events missed around here: the console fell behind the
          stream.
        </span>
      </div>
    );
  }
  const { event } = item;
  const about = eventSubjects(event);
  const sentence = describeEvent(event);
  return (
    <div {...common} className="events-row" data-seq={event.seq} data-type={event.type}>
      <span role="gridcell" className="events-time" title={new Date(event.atMs).toISOString()}>
        {clockTime(event.atMs)}
      </span>
      <span role="gridcell" className="events-type">
        {event.type}
      </span>
      <span role="gridcell" className="events-sentence" title={sentence}>
        {sentence}
      </span>
      <span role="gridcell" className="events-id" data-col="user">
        {about.userId}
      </span>
      <span role="gridcell" className="events-id" data-col="client">
        {about.clientId}
      </span>
      <span role="gridcell" className="events-id" data-col="session">
        {about.sid && (
          <a href={routeHash({ view: 'sessions', sid: about.sid })} tabIndex={active ? 0 : -1}>
            {about.sid}
          </a>
        )}
      </span>
    </div>
  );
});
