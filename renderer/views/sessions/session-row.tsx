import { useEffect, useRef } from 'react';
import type { SessionDto } from '../../../shared/contract';
import { revealInvisible } from '../../../shared/text/reveal-invisible';
import { deadlineText, endReasonText, relativeTime } from './session-times';

interface Props {
  readonly session: SessionDto;
  readonly index: number;
  readonly nowSeconds: number;
  /** The row keyboard focus rests on (the only one in the tab order). */
  readonly active: boolean;
  /**
   * Focus this row when it mounts or becomes active: arrow keys may move to a row that is not
   * mounted yet, and it only mounts once the grid has scrolled to it.
   */
  readonly takeFocus: boolean;
  /** The row got focus (a click or Tab): keys move on from here. */
  onFocus(index: number): void;
  /** Whether the row has a selection box (admins, active sessions). */
  readonly selectable: boolean;
  readonly selected: boolean;
  onToggle(sid: string): void;
  onOpen(sid: string): void;
}

/** A moment shown as a glance, exact on hover. */
function Moment({ ms, nowSeconds }: { ms: number; nowSeconds: number }) {
  const { text, exact } = relativeTime(ms, nowSeconds);
  return (
    <time dateTime={exact} title={exact}>
      {text}
    </time>
  );
}

/**
 * One session as a grid row. Ids and the user agent come from clients and browsers, so they are
 * shown with invisible and reordering characters made visible.
 */
export function SessionRow({
  session,
  index,
  nowSeconds,
  active,
  takeFocus,
  onFocus,
  selectable,
  selected,
  onToggle,
  onOpen,
}: Props) {
  const ended = session.status === 'ended';
  const row = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (takeFocus) row.current?.focus();
  }, [takeFocus]);
  return (
    <div
      ref={row}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selectable ? selected : undefined}
      data-row-index={index}
      data-sid={session.sid}
      tabIndex={active ? 0 : -1}
      className={selected ? 'sessions-row sessions-row-selected' : 'sessions-row'}
      onClick={() => onOpen(session.sid)}
      onFocus={() => onFocus(index)}
    >
      {selectable && (
        <span role="gridcell" className="sessions-cell-select">
          <input
            type="checkbox"
            tabIndex={-1}
            aria-label={`Select session of ${session.userId}`}
            checked={selected}
            onClick={(event) => event.stopPropagation()}
            onChange={() => onToggle(session.sid)}
          />
        </span>
      )}
      <span role="gridcell" data-column="user">
        {revealInvisible(session.userId)}
      </span>
      <span role="gridcell" data-column="client">
        {revealInvisible(session.clientId)}
      </span>
      <span role="gridcell" data-column="ip">
        {session.ip}
      </span>
      <span role="gridcell" data-column="userAgent" title={session.userAgent}>
        {revealInvisible(session.userAgent)}
      </span>
      <span role="gridcell" data-column="created">
        <Moment ms={session.createdMs} nowSeconds={nowSeconds} />
      </span>
      <span role="gridcell" data-column="lastSeen">
        <Moment ms={session.lastSeenMs} nowSeconds={nowSeconds} />
      </span>
      {ended ? (
        <>
          <span role="gridcell" data-column="ended">
            {session.endedMs !== null && <Moment ms={session.endedMs} nowSeconds={nowSeconds} />} —{' '}
            {endReasonText(session.endReason)}
          </span>
          <span role="gridcell" data-column="endedBy">
            {session.endedBy ?? 'unknown'}
          </span>
        </>
      ) : (
        <>
          <span role="gridcell" data-column="deadline">
            {deadlineText(session, nowSeconds)}
          </span>
          <span role="gridcell" data-column="status">
            <span className="sessions-status">{session.status}</span>
          </span>
        </>
      )}
    </div>
  );
}
