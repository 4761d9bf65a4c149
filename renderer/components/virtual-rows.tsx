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
}: Props) {
  const scroller = useRef<HTMLDivElement>(null);
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
      aria-rowcount={role === 'grid' ? rowCount : undefined}
      style={{ overflowY: 'auto', position: 'relative', height: '100%' }}
    >
      <div style={{ height: rowCount * rowHeight, position: 'relative' }}>{rows}</div>
    </div>
  );
}
