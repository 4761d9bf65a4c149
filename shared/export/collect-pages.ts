import type { CallResult } from '../contract';

/** One page of a cursor-paged list, in the shape the contract's list calls answer. */
export interface Page<Item> {
  readonly items: readonly Item[];
  /** Null on the last page. */
  readonly nextCursor: string | null;
}

/** What an export collected; `capped` when more matched than `cap` allowed. */
export interface Collected<Item> {
  readonly items: readonly Item[];
  readonly capped: boolean;
}

/** How far `collectPages` goes and whom it tells. */
export interface CollectOptions {
  /** The most items collected; the last page asked for is shortened to fit. */
  readonly cap: number;
  /** Items per call: the contract's maximum page size. */
  readonly pageSize: number;
  /** Checked after every page (an AbortSignal fits), so leaving a view stops the paging. */
  readonly signal: { readonly aborted: boolean };
  readonly onProgress: (count: number) => void;
}

/**
 * Follows a paged list from the first page until its end or `cap` items, whichever comes first.
 * Returns null once `signal` is aborted (no further page is asked for), or the first failure.
 */
export async function collectPages<Item>(
  fetchPage: (cursor: string | null, limit: number) => Promise<CallResult<Page<Item>>>,
  { cap, pageSize, signal, onProgress }: CollectOptions,
): Promise<CallResult<Collected<Item>> | null> {
  const items: Item[] = [];
  let cursor: string | null = null;
  do {
    const result = await fetchPage(cursor, Math.min(pageSize, cap - items.length));
    if (signal.aborted) return null;
    if (!result.ok) return result;
    items.push(...result.value.items);
    cursor = result.value.nextCursor;
    onProgress(items.length);
  } while (cursor !== null && items.length < cap);
  return { ok: true, value: { items, capped: cursor !== null } };
}
