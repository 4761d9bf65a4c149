import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useNowSeconds } from '../../components/use-now';
import { rowKeyTarget } from '../../components/row-keys';
import { VirtualRows } from '../../components/virtual-rows';
import { selectIsAdmin, useConnection } from '../../stores/connection';
import { navigate } from '../../stores/navigation';
import { useSessions } from '../../stores/sessions';
import { SessionRow } from './session-row';
import { SessionsHeader } from './sessions-header';

const rowHeight = 36;
/** Start fetching the next page while this many loaded rows are still below the viewport. */
const prefetchRows = 60;
const pageRows = 10;

/**
 * The session grid: only the rows in view are mounted, and the next page is fetched as the
 * operator scrolls towards the end of what is loaded. Arrow keys, Page Up/Down, Home and End
 * move between rows, Enter opens one, Space selects it.
 */
export function SessionsTable() {
  const rows = useSessions((state) => state.rows);
  const hasMore = useSessions((state) => state.nextCursor !== null);
  const ended = useSessions((state) => state.query.tab === 'ended');
  const selected = useSessions((state) => state.selected);
  const loadMore = useSessions((state) => state.loadMore);
  const toggleSelected = useSessions((state) => state.toggleSelected);
  const setSelected = useSessions((state) => state.setSelected);
  const isAdmin = useConnection(selectIsAdmin);
  const nowSeconds = useNowSeconds();
  const grid = useRef<HTMLDivElement>(null);
  const [activeIndex, setActiveIndex] = useState(0);
  const [keyboardMoved, setKeyboardMoved] = useState(false);

  const selectable = isAdmin && !ended;
  const active = Math.min(activeIndex, Math.max(0, rows.length - 1));
  const open = useCallback((sid: string) => navigate({ view: 'sessions', sid }), []);

  const onRangeChange = useCallback(
    (_first: number, last: number) => {
      if (last >= rows.length - prefetchRows) loadMore();
    },
    [rows.length, loadMore],
  );

  // Focus follows the active row only while the operator moves through the grid by keyboard:
  // once focus goes anywhere else (the search box), a row scrolled back into view must not take it.
  useEffect(() => {
    const onFocusIn = (event: FocusEvent) => {
      if (!grid.current?.contains(event.target as Node)) setKeyboardMoved(false);
    };
    document.addEventListener('focusin', onFocusIn);
    return () => document.removeEventListener('focusin', onFocusIn);
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // Keys on the header's buttons and boxes are theirs.
    if (!(event.target as HTMLElement).hasAttribute('data-row-index')) return;
    const session = rows[active];
    if (!session) return;
    if (event.key === 'Enter') {
      open(session.sid);
    } else if (event.key === ' ' && selectable) {
      toggleSelected(session.sid);
    } else {
      const target = rowKeyTarget(event.key, active, rows.length, pageRows);
      if (target === undefined) return;
      setActiveIndex(target);
      setKeyboardMoved(true);
    }
    event.preventDefault();
  };

  const allSelected = rows.length > 0 && selected.size === rows.length;
  return (
    <div ref={grid} className="sessions-grid" onKeyDown={onKeyDown}>
      <VirtualRows
        rowCount={rows.length + (hasMore ? 1 : 0)}
        rowHeight={rowHeight}
        ariaLabel={ended ? 'Ended sessions' : 'Sessions'}
        className={ended ? 'sessions-table sessions-table-ended' : 'sessions-table'}
        onRangeChange={onRangeChange}
        scrollToIndex={keyboardMoved ? active : undefined}
        header={
          <SessionsHeader
            selectable={selectable}
            allSelected={allSelected}
            onToggleAll={() => setSelected(allSelected ? [] : rows.map((row) => row.sid))}
          />
        }
        renderRow={(index) => {
          const session = rows[index];
          if (!session) {
            return (
              <div role="row" className="sessions-row sessions-loading-row">
                <span role="gridcell">Loading more…</span>
              </div>
            );
          }
          return (
            <SessionRow
              session={session}
              index={index}
              nowSeconds={nowSeconds}
              active={index === active}
              takeFocus={keyboardMoved && index === active}
              onFocus={setActiveIndex}
              selectable={selectable}
              selected={selected.has(session.sid)}
              onToggle={toggleSelected}
              onOpen={open}
            />
          );
        }}
      />
    </div>
  );
}
