import { useSessions, type SessionSort } from '../../stores/sessions';

interface Props {
  readonly selectable: boolean;
  /** Whether every loaded row is selected (the header box then clears the selection). */
  readonly allSelected: boolean;
  onToggleAll(): void;
}

/** A column header that sorts by its column: first descending (newest), then flips. */
function SortHeader({ sort, label }: { sort: SessionSort; label: string }) {
  const current = useSessions((state) => state.query.sort);
  const direction = useSessions((state) => state.query.direction);
  const setQuery = useSessions((state) => state.setQuery);
  const sorted = current === sort;
  return (
    <span
      role="columnheader"
      aria-sort={sorted ? (direction === 'asc' ? 'ascending' : 'descending') : 'none'}
    >
      <button
        type="button"
        className="sessions-sort"
        onClick={() =>
          setQuery({
            sort,
            direction: sorted && direction === 'desc' ? 'asc' : 'desc',
          })
        }
      >
        {label}
        {sorted && (direction === 'asc' ? ' ▲' : ' ▼')}
      </button>
    </span>
  );
}

/** The session grid's column headers; which columns depends on the tab. */
export function SessionsHeader({ selectable, allSelected, onToggleAll }: Props) {
  const ended = useSessions((state) => state.query.tab === 'ended');
  return (
    <div role="row" aria-rowindex={1} className="sessions-row sessions-header">
      {selectable && (
        <span role="columnheader" className="sessions-cell-select">
          <input
            type="checkbox"
            aria-label="Select all loaded sessions"
            checked={allSelected}
            onChange={onToggleAll}
          />
        </span>
      )}
      <span role="columnheader">User</span>
      <span role="columnheader">Client</span>
      <span role="columnheader">IP</span>
      <span role="columnheader">User agent</span>
      <SortHeader sort="created" label="Created" />
      <SortHeader sort="lastSeen" label="Last seen" />
      {ended ? (
        <>
          <span role="columnheader">Ended</span>
          <span role="columnheader">Ended by</span>
        </>
      ) : (
        <>
          <SortHeader sort="nextDeadline" label="Next deadline" />
          <span role="columnheader">Status</span>
        </>
      )}
    </div>
  );
}
