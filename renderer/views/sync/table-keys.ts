import type { KeyboardEvent } from 'react';

/**
 * Arrow keys, Home and End move focus between a table's body rows (each row has a tabIndex;
 * the first is in the tab order). Attach to the table's onKeyDown.
 */
export function onTableKeyDown(event: KeyboardEvent<HTMLTableElement>): void {
  const row = (event.target as HTMLElement).closest('tr');
  const rows = Array.from(event.currentTarget.tBodies[0]?.rows ?? []);
  const at = row ? rows.indexOf(row) : -1;
  if (at === -1) return;
  const moves: Record<string, number> = {
    ArrowDown: at + 1,
    ArrowUp: at - 1,
    Home: 0,
    End: rows.length - 1,
  };
  const next = rows[moves[event.key] ?? -1];
  if (!next) return;
  event.preventDefault();
  next.focus();
}
