/**
 * Where a key moves the active row of a grid of `count` rows from `index`: arrow keys by one,
 * Page keys by `pageRows`, Home and End to either end, clamped to the rows there are.
 * Undefined for keys that do not move the active row.
 */
export function rowKeyTarget(
  key: string,
  index: number,
  count: number,
  pageRows: number,
): number | undefined {
  const moves: Record<string, number> = {
    ArrowDown: index + 1,
    ArrowUp: index - 1,
    PageDown: index + pageRows,
    PageUp: index - pageRows,
    Home: 0,
    End: count - 1,
  };
  const target = moves[key];
  return target === undefined ? undefined : Math.max(0, Math.min(count - 1, target));
}
