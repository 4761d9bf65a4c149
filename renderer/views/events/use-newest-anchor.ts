import { useLayoutEffect, useRef, type RefObject } from 'react';
import type { FeedItem } from '../../stores/events';

/**
 * Keeps what the reader looks at in place while rows arrive on top: once the feed is scrolled
 * away from the newest row, each batch scrolls it down by the rows added above, and `onShift`
 * hears by how many (so the keyboard's row stays on its event). At the top, the feed flows.
 */
export function useNewestAnchor(
  items: readonly FeedItem[],
  box: RefObject<HTMLElement | null>,
  rowHeight: number,
  onShift: (rows: number) => void,
): void {
  const previous = useRef(items);
  useLayoutEffect(() => {
    const newest = previous.current.at(-1);
    previous.current = items;
    const scroller = box.current?.querySelector<HTMLElement>('.virtual-rows');
    if (!newest || !scroller || scroller.scrollTop === 0) return;
    // Searched from the end: only the rows of one batch lie after it. Absent after a restart.
    const at = items.lastIndexOf(newest);
    const added = at === -1 ? 0 : items.length - 1 - at;
    if (added === 0) return;
    scroller.scrollTop += added * rowHeight;
    onShift(added);
  }, [items, box, rowHeight, onShift]);
}
