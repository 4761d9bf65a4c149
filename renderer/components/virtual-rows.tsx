import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';

interface Props {
  /** How many rows exist (loaded or not). */
  readonly rowCount: number;
  /** Every row has this height in pixels: it is what makes a million rows cheap. */
  readonly rowHeight: number;
  /** Renders row `index`; it is absolutely positioned by this component. */
  readonly renderRow: (index: number) => ReactNode;
  /** Called with the visible range whenever it changes (to fetch the pages it needs). */
  readonly onRangeChange?: (first: number, last: number) => void;
  /** Extra rows drawn above and below the viewport so fast scrolls do not flash. */
  readonly overscan?: number;
  readonly className?: string;
  readonly ariaLabel: string;
  /** ARIA role of the scroll container; `grid` for tables, `log` for feeds. */
  readonly role?: 'grid' | 'log' | 'list';
  /** Stays on top while the rows scroll under it (a table's column headers). */
  readonly header?: ReactNode;
  /** Scrolls just enough to bring this row fully into view whenever it changes (keyboard focus). */
  readonly scrollToIndex?: number;
}

/**
 * A scroll area that mounts only the rows in view. The container fills its parent's height;
 * the parent decides how tall the list is.
 */
export function VirtualRows({
  rowCount,
  rowHeight,
  renderRow,
  onRangeChange,
  overscan = 8,
  className,
  ariaLabel,
  role = 'grid',
  header,
  scrollToIndex,
}: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const headerBox = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState({ top: 0, height: 600 });

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const measure = () => setViewport({ top: element.scrollTop, height: element.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    element.addEventListener('scroll', measure, { passive: true });
    return () => {
      observer.disconnect();
      element.removeEventListener('scroll', measure);
    };
  }, []);

  const first = Math.max(0, Math.floor(viewport.top / rowHeight) - overscan);
  const last = Math.min(
    rowCount - 1,
    Math.ceil((viewport.top + viewport.height) / rowHeight) + overscan,
  );

  useLayoutEffect(() => {
    if (rowCount > 0) onRangeChange?.(first, last);
  }, [first, last, rowCount, onRangeChange]);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element || scrollToIndex === undefined) return;
    // The sticky header covers the top of the viewport: a row under it is not in view.
    const covered = headerBox.current?.offsetHeight ?? 0;
    const top = scrollToIndex * rowHeight;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + rowHeight > element.scrollTop + element.clientHeight - covered) {
      element.scrollTop = top + rowHeight - element.clientHeight + covered;
    }
  }, [scrollToIndex, rowHeight]);

  const rows: ReactNode[] = [];
  for (let index = first; index <= last; index++) {
    rows.push(
      <div
        key={index}
        className="virtual-row"
        style={{
          position: 'absolute',
          top: index * rowHeight,
          height: rowHeight,
          left: 0,
          right: 0,
        }}
      >
        {renderRow(index)}
      </div>,
    );
  }
  return (
    <div
      ref={scroller}
      className={className ? `virtual-rows ${className}` : 'virtual-rows'}
      role={role}
      aria-label={ariaLabel}
      // The header row counts as a row of the grid.
      aria-rowcount={role === 'grid' ? rowCount + (header === undefined ? 0 : 1) : undefined}
      style={{ overflowY: 'auto', position: 'relative', height: '100%' }}
    >
      {header !== undefined && (
        <div ref={headerBox} style={{ position: 'sticky', top: 0, zIndex: 1 }}>
          {header}
        </div>
      )}
      <div style={{ height: rowCount * rowHeight, position: 'relative' }}>{rows}</div>
    </div>
  );
}
